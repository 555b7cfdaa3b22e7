"""firmnet.plotting.use_cjk_font: with Debian's fonts-noto-cjk installed (scripts/install-deps.sh)
it chooses a Noto CJK family, and a figure with Chinese park names then draws every glyph
(matplotlib warns "Glyph ... missing from current font" for each one it cannot draw)."""
import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from firmnet_testlib import Checker, parse_args  # noqa: E402  (puts the source tree's python/ on the path)
from firmnet.plotting import use_cjk_font  # noqa: E402

parse_args()
check = Checker()


def missing_glyphs():
    """Draws Chinese labels and returns matplotlib's missing-glyph warnings."""
    fig, ax = plt.subplots()
    ax.set_title("无锡高新区：关联集群")
    ax.set_xlabel("园区内部联系（条）")
    ax.plot([-1, 0, 1], [0, 1, 0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    return [str(w.message) for w in caught if "missing from current font" in str(w.message)]


before = missing_glyphs()
check.true("the default font cannot draw Chinese (the test can fail)", len(before) > 0)
family = use_cjk_font()
check.true("a Noto CJK family is chosen", family is not None and "CJK" in family)
check.equal("its family leads the sans-serif list", matplotlib.rcParams["font.sans-serif"][0], family)
check.equal("every Chinese glyph drawn", missing_glyphs(), [])
check.equal("a second call keeps the same family", use_cjk_font(), family)
check.finish()
