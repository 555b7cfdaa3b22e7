"""Matplotlib settings for firmnet's notebooks: a font that draws Chinese names.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs, so firm and park names in Chinese
come out as empty boxes. ``use_cjk_font()`` puts the first installed CJK-capable family in
front of matplotlib's sans-serif list (Debian's ``fonts-noto-cjk`` gives Noto Sans CJK SC) and
leaves matplotlib as it is when none is installed.
"""

# Families tried in order: Noto and Source Han (Linux, installable anywhere), then the system
# fonts of Windows and macOS, then WenQuanYi (older Linux distributions).
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
)

# Parts of the file names of those families' font files.
FILE_MARKS = ("CJK", "SourceHan", "msyh", "simhei", "PingFang", "Hiragino", "wqy")


def use_cjk_font():
    """Makes matplotlib draw CJK text with the first installed family of CJK_FAMILIES.

    Returns the family chosen, or None when none is installed (matplotlib is left unchanged).
    O(installed fonts).
    """
    import os

    import matplotlib
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FAMILIES):
        # Matplotlib's font cache predates a font installed later (and skips .ttc collections in
        # some versions): add the CJK files the system has.
        for path in font_manager.findSystemFonts():
            if any(mark in os.path.basename(path) for mark in FILE_MARKS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            sans = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
            matplotlib.rcParams["font.sans-serif"] = [family] + sans
            matplotlib.rcParams["font.family"] = "sans-serif"
            # CJK fonts often lack U+2212 MINUS SIGN; an ASCII hyphen keeps negative ticks legible.
            matplotlib.rcParams["axes.unicode_minus"] = False
            return family
    return None
