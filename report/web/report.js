// The firmnet report page: draws every section from the data firmnet embedded in the file
// (element #report-data, built by report/report_data.cpp) with Apache ECharts, compiled into
// the page beside this script. Nothing is fetched: the page works offline.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const lang = data.meta.lang === 'zh' ? 'zh' : 'en';
  // Single quotes: ECharts copies the family into SVG style attributes without escaping.
  const FONTS = "'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans', 'Microsoft YaHei', " +
    "'PingFang SC', 'Hiragino Sans GB', sans-serif";
  // Okabe & Ito (2008), the colour-blind-safe qualitative palette; viridis for magnitudes.
  const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  const OTHER = '#BBBBBB';
  const VIRIDIS = ['#440154', '#414487', '#2A788E', '#22A884', '#7AD151', '#FDE725'];
  const VERDICT_COLOURS = {
    'linked cluster': '#0072B2',
    'part of a wider cluster': '#56B4E9',
    'co-location only': '#E69F00',
    'externally oriented': '#CC79A7',
    'too small to tell': '#999999',
  };
  const NO_VERDICT = '#009E73';

  const LABELS = {
    en: {
      overview: 'Overview', map: 'Map', park: 'Selected park', verdicts: 'Park verdicts', network: 'Network',
      communities: 'Communities', anchors: 'Anchor firms', flows: 'Stage-to-stage flows',
      concentration: 'Concentration', methods: 'Methods and parameters',
      written: 'written by firmnet {0} on {1}', fingerprint: 'network fingerprint {0}',
      presenting: 'Results presented: parks {0}, communities {1}, anchors {2}, concentration {3}, clusters {4}.',
      none: 'none', nodes: 'nodes', links: 'links', kind: 'node kind', type: 'relation type',
      overviewText: '{0} nodes and {1} links; {2} parks, {3} regions.',
      missing: 'No {0} result is stored yet: run {1} (or firmnet analyze).',
      colourBy: 'Colour firms by', verdict: 'verdict', community: 'community', stage: 'stage',
      showAll: 'Show all firms', showParks: 'Zoom to the parks', outsideParks: 'outside parks',
      otherCommunities: 'other communities', otherStages: 'other stages', noCommunity: 'no community',
      noStage: 'no stage', institutions: 'institutions', flowsName: 'links between places',
      parkMember: 'park member', park_: 'park', region: 'region',
      sampleNote: 'Showing {0} of {1} located nodes (an even sample); park outlines and flows use all of them.',
      allNote: 'All {0} located nodes are drawn.',
      flowNote: 'Flows: the {0} largest of {1} place-to-place link bundles (parks; outside parks, regions).',
      mapCaption: 'Map of the parks (convex hulls of their members, filled by verdict), the network\'s nodes and the links between places (arrows from supplier to customer, width by links). Equirectangular projection, x scaled by cos {0}° (the mean latitude), so distances are true at that latitude. Scroll to zoom, drag to pan, click a park to select it. Source: {1}.',
      selectPark: 'Park', internalLinks: 'internal links (count)', replicates: 'null replicates (count)',
      observed: 'observed', nullExpectation: 'null expectation', nullReplicates: 'null replicates',
      nullCaption: 'Internal links of {0} against {1} replicates of the \'{2}\' null model ({3}): histogram of the null, the observed count and the null mean. Source: {4}.',
      noNull: 'No null samples are stored for this unit.',
      fromStage: 'from stage (supplier)', toStage: 'to stage (customer)', linksCount: 'links (count)',
      linksLog: 'links (count, log scale)',
      stageCaption: 'Links among the members of {0} from stage (rows) to stage (columns), stages in value-chain order (net suppliers first). Off-diagonal cells are vertical links. Source: {1}.',
      stageAllCaption: 'Firm-to-firm links of all types in the whole network from stage (rows) to stage (columns), stages in value-chain order (net suppliers first, ordered by (out - in) / (out + in) over links between stages). Off-diagonal cells are vertical links, the diagonal horizontal ones. Source: the network file.',
      anchorsIn: 'Anchor firms of {0}', anchorsInNote: 'The highest anchor scores among the park\'s ranked firms, with the reasons (result {0}).',
      noAnchors: 'No anchor result, or no ranked firm in this park.',
      shareInside: 'inside the park', shareRegion: 'rest of the region', shareOutside: 'outside the region',
      shareAxis: 'share of member link ends', linksCaption: 'Where the members\' links go, per park: inside the park, elsewhere in its region, or outside the region; the selected park is drawn solid. Source: {0}.',
      evidence: 'Evidence', filter: 'Filter rows…', rowsShown: '{0} of {1} rows', csv: 'CSV', svg: 'SVG', png: 'PNG',
      networkCaption: 'Parks (coloured by verdict) and the {0} largest communities as nodes; lines are links between parks, between communities, and (dashed) the park members in each community. Width by links. Source: {1}.',
      parksCat: 'parks', communitiesCat: 'communities',
      verdictsText: 'Each park\'s internal links against the null model; thresholds and rules in docs/METHODS.md. Click a row to select the park.',
      deterrenceTitle: 'Distance deterrence f(d)', distanceKm: 'distance (km)', deterrence: 'f(d) (links per strength product)',
      deterrenceCaption: 'The fitted deterrence function f(d): links observed at distance d over the sum of the out- and in-strength products of all pairs at that distance, per distance bin, on log-log axes (Expert et al. 2011). Source: {0}.',
      communitiesText: '{0} communities ({1}); the {2} largest are listed. Density is unweighted: adjacent pairs inside over possible pairs.',
      anchorsText: 'Score components and weights: docs/centrality.md. Each row says why the firm ranks where it does.',
      byGroup: 'Top anchors per community',
      concentrationText: 'Co-location indices measure concentration only, not linkage (docs/concentration.md). Industries with at least {0} firms, by Ellison-Glaeser gamma; spatial unit: {1}.',
      kdensity: 'K-density', industry: 'Industry', kCurve: 'K-density of the industry', globalBand: 'global band', localBand: 'local band',
      kCaption: 'Duranton-Overman K-density of {0}\'s bilateral firm distances against {1} counterfactuals drawn from all firm sites: the curve, the global confidence band (shaded) and the local band (dashed). Source: {2}.',
      methodsText: 'Every stored result with its parameters, as kept in the HDF5 file (docs/FORMAT.md).',
      parameter: 'parameter', value: 'value', result: 'result {0} ({1}, seed {2}, {3} threads, {4})',
      studyArea: 'Study area: {0}.', firms: 'firms', evidenceLine: '{0} internal links against {1} expected under the null (z = {2}, q = {3}); ×{4} of the degree expectation; vertical share {5}.',
      hub: 'hub', why: 'why',
      firmView: 'Firms of {0}', firmViewCaption: 'Firm-level view of {0}: its {1} members with most links (of {2}), coloured by stage, and the {3} outside partners with most links to them (grey); lines are links, arrows from supplier to customer. Source: {4}.',
      partners: 'outside partners', members: 'members', degree: 'links', chooseCommunity: 'Community',
      firmsOnMap: 'firms of the selected park', outlinesNote: 'Park outlines from {0} ({1} matched; {2} features matched no park); other parks are their members\' convex hulls.',
      boundariesName: 'boundaries', boundariesNote: 'Boundaries from {0} ({1} features{2}).', thinned: '; thinned to {0} of {1} positions',
      tilesNote: 'Background tiles from {0}.',
      clusters: 'Clusters where no park is drawn', cluster: 'Cluster', runnerUp: 'runner-up', clusterFootprints: 'cluster footprints',
      clustersText: '{0} of {1} candidate communities of the value-chain layers are localised, linked above the null and mainly vertical ({2}). Each card gives the cluster\'s Markusen type with the figures that decided it, then its indicators (docs/clusters.md); their outlines are drawn dashed on the map.',
      noClusters: 'No candidate passed the three tests: no cluster is reported.',
      employees: 'employees', industryLq: 'dominant industry (LQ)', localSupply: 'local supply ratio', verticalShare: 'vertical share',
      institutionDensity: 'institutions per firm', externalOrientation: 'external orientation', anchorsLabel: 'anchors',
      regionsLabel: 'regions', bordersLabel: 'borders crossed', growthLabel: 'growth of firms / links', categoryLabel: 'benchmark category',
      evolution: 'Over the years', yearAxis: 'year', countAxis: 'count', shareAxisShort: 'share',
      observedLinks: 'internal links', expectedLinks: 'expected (degree null)', nullLinks: 'null mean', firmsLine: 'firms', verticalLine: 'vertical share',
      evolutionText: 'Per {0}: internal links against their expectation, firms and the vertical share, year by year, with the life-cycle stage shaded (rule: docs/evolution.md). The {1} {0}s with most firms in the last year of {2} are drawn.',
      trajectoryCaption: '{0} over the years: internal links observed and expected, firms (left axis), vertical share (right axis); shaded bands are the life-cycle stages. Source: {1}.',
      alluvialTitle: 'Dynamic communities over the years', alluvialCaption: 'Dynamic communities (Greene, Doyle & Cunningham 2010) as bands from year to year, width by members: continuations, merges (two bands joining) and splits (one band dividing); the {0} largest of {1}. Source: {2}.',
      stageNames: 'embryonic,growth,maturity,decline',
      risk: 'Systemic risk', riskText: 'The economic systemic risk index (ESRI; Diem et al. 2022) of a firm is the share of the whole network\'s output lost when it stops, after the loss spreads to its customers (lost inputs) and suppliers (lost demand) until nothing changes (docs/risk.md). {0} ({1} firms computed exactly{2}).',
      riskRange: '; without an essentiality table ESRI is a range: every input essential (ESRI, the upper bound) to none essential (ESRI linear)',
      esriAxis: 'ESRI (share of the network\'s output lost, log scale)', firmsAxis: 'firms (count)', esriZero: '{0} firms put no output at risk beyond their own (not drawn).',
      riskHistTitle: 'Distribution of ESRI', riskHistCaption: 'Firms by ESRI in quarter decades: a few firms carry almost all the risk. Source: {0}.',
      riskiestTitle: 'Riskiest firms', riskParksTitle: 'Parks: their share of output and their riskiest firm',
      riskParksNote: 'Output at risk from outside shocks is per scenario: firmnet shock FILE --fail-park P or --fail-region R runs one.',
      exposureNote: 'Per park, the share of its output lost when its anchors (listed) fail, and in the worst lockdown of a region that holds none of its firms, after the loss spreads by the same cascade (firmnet exposure; {0}).{1}',
      exposureLinear: ' Beside each loss, "linear": the same with no input essential.',
    },
    zh: {
      overview: '概览', map: '地图', park: '所选园区', verdicts: '园区判定', network: '网络',
      communities: '社区', anchors: '锚定企业', flows: '环节间流向', concentration: '集聚指数', methods: '方法与参数',
      written: '由 firmnet {0} 于 {1} 生成', fingerprint: '网络指纹 {0}',
      presenting: '展示的结果：园区 {0}，社区 {1}，锚定企业 {2}，集聚 {3}，集群 {4}。',
      none: '无', nodes: '节点', links: '联系', kind: '节点类型', type: '关系类型',
      overviewText: '{0} 个节点，{1} 条联系；{2} 个园区，{3} 个地区。',
      missing: '尚未存储{0}结果：请运行 {1}（或 firmnet analyze）。',
      colourBy: '企业着色依据', verdict: '判定', community: '社区', stage: '环节',
      showAll: '显示全部企业', showParks: '缩放到园区', outsideParks: '园区外',
      otherCommunities: '其他社区', otherStages: '其他环节', noCommunity: '无社区', noStage: '无环节',
      institutions: '机构', flowsName: '地点间联系', parkMember: '园区成员', park_: '园区', region: '地区',
      sampleNote: '显示 {1} 个有坐标节点中的 {0} 个（均匀抽样）；园区轮廓与流向基于全部节点。',
      allNote: '已绘制全部 {0} 个有坐标节点。',
      flowNote: '流向：{1} 组地点间联系中最大的 {0} 组（园区；园区外按地区）。',
      mapCaption: '园区地图（成员企业的凸包，按判定着色）、网络节点及地点间联系（箭头由供应方指向客户，线宽按联系数）。等距圆柱投影，x 轴按 cos {0}°（平均纬度）缩放，该纬度上距离真实。滚轮缩放，拖动平移，点击园区以选中。来源：{1}。',
      selectPark: '园区', internalLinks: '内部联系（条）', replicates: '零模型重复（次）',
      observed: '观测值', nullExpectation: '零模型期望', nullReplicates: '零模型重复',
      nullCaption: '{0} 的内部联系与“{2}”零模型（{3}）{1} 次重复的比较：零分布直方图、观测值与零模型均值。来源：{4}。',
      noNull: '该单元没有存储零模型样本。',
      fromStage: '来源环节（供应方）', toStage: '去向环节（客户）', linksCount: '联系（条）',
      linksLog: '联系（条，对数刻度）',
      stageCaption: '{0} 成员之间由环节（行）到环节（列）的联系，环节按价值链顺序（净供应方在前）。非对角线为纵向联系。来源：{1}。',
      stageAllCaption: '全网络企业间各类联系由环节（行）到环节（列）的数量，环节按价值链顺序（按环节间联系的（出−入）/（出+入）排序，净供应方在前）。非对角线为纵向联系，对角线为横向联系。来源：网络文件。',
      anchorsIn: '{0} 的锚定企业', anchorsInNote: '园区内参与排名企业中锚定得分最高者及其理由（结果 {0}）。',
      noAnchors: '没有锚定结果，或该园区没有参与排名的企业。',
      shareInside: '园区内', shareRegion: '本地区其他地方', shareOutside: '地区外',
      shareAxis: '成员联系端点占比', linksCaption: '各园区成员联系的去向：园区内、本地区其他地方或地区外；所选园区以实色显示。来源：{0}。',
      evidence: '证据', filter: '筛选行…', rowsShown: '{0} / {1} 行', csv: 'CSV', svg: 'SVG', png: 'PNG',
      networkCaption: '园区（按判定着色）与最大的 {0} 个社区作为节点；连线为园区之间、社区之间的联系，以及（虚线）各社区中的园区成员。线宽按联系数。来源：{1}。',
      parksCat: '园区', communitiesCat: '社区',
      verdictsText: '各园区内部联系与零模型的比较；阈值与规则见 docs/METHODS.md。点击一行以选中园区。',
      deterrenceTitle: '距离衰减函数 f(d)', distanceKm: '距离（公里）', deterrence: 'f(d)（每单位强度乘积的联系）',
      deterrenceCaption: '拟合的距离衰减函数 f(d)：各距离区间内观测到的联系数除以该距离上所有企业对出强度与入强度乘积之和，双对数坐标（Expert 等 2011）。来源：{0}。',
      communitiesText: '{0} 个社区（{1}）；列出最大的 {2} 个。密度不加权：内部相邻对数除以可能的对数。',
      anchorsText: '得分构成与权重见 docs/centrality.md。每行说明该企业排名的原因。',
      byGroup: '各社区的锚定企业',
      concentrationText: '共位指数只衡量集聚，不衡量联系（docs/concentration.md）。至少有 {0} 家企业的行业，按 Ellison-Glaeser gamma 排序；空间单元：{1}。',
      kdensity: 'K 密度', industry: '行业', kCurve: '行业的 K 密度', globalBand: '全局置信带', localBand: '局部置信带',
      kCaption: '{0} 企业两两距离的 Duranton-Overman K 密度，与从全部企业位置抽取的 {1} 次反事实比较：曲线、全局置信带（阴影）与局部置信带（虚线）。来源：{2}。',
      methodsText: 'HDF5 文件中存储的每个结果及其参数（docs/FORMAT.md）。',
      parameter: '参数', value: '值', result: '结果 {0}（{1}，种子 {2}，{3} 线程，{4}）',
      studyArea: '研究区域：{0}。', firms: '企业', evidenceLine: '内部联系 {0} 条，零模型期望 {1} 条（z = {2}，q = {3}）；为度期望的 {4} 倍；纵向占比 {5}。',
      hub: '枢纽', why: '理由',
      firmView: '{0} 的企业', firmViewCaption: '{0} 的企业层面视图：联系最多的 {1} 家成员（共 {2} 家），按环节着色，以及与其联系最多的 {3} 家外部伙伴（灰色）；连线为联系，箭头由供应方指向客户。来源：{4}。',
      partners: '外部伙伴', members: '成员', degree: '联系', chooseCommunity: '社区',
      firmsOnMap: '所选园区的企业', outlinesNote: '园区轮廓来自 {0}（匹配 {1} 个；{2} 个要素未匹配园区）；其余园区为成员企业的凸包。',
      boundariesName: '行政边界', boundariesNote: '边界来自 {0}（{1} 个要素{2}）。', thinned: '；抽稀为 {1} 个坐标点中的 {0} 个',
      tilesNote: '底图瓦片来自 {0}。',
      clusters: '园区之外的集群', cluster: '集群', runnerUp: '次选', clusterFootprints: '集群范围',
      clustersText: '价值链关系层的 {1} 个候选社区中有 {0} 个在空间上集聚、联系高于零模型且以纵向联系为主（{2}）。每张卡片给出集群的马库森类型及决定该类型的数值，以及各项指标（docs/clusters.md）；其范围以虚线绘于地图上。',
      noClusters: '没有候选社区通过三项检验：未识别出集群。',
      employees: '从业人员', industryLq: '主导行业（区位商）', localSupply: '本地配套率', verticalShare: '纵向占比',
      institutionDensity: '每家企业的机构数', externalOrientation: '外向度', anchorsLabel: '锚定企业',
      regionsLabel: '地区', bordersLabel: '跨越的边界', growthLabel: '企业 / 联系增长', categoryLabel: '基准类别',
      evolution: '历年演化', yearAxis: '年份', countAxis: '数量', shareAxisShort: '占比',
      observedLinks: '内部联系', expectedLinks: '期望（度零模型）', nullLinks: '零模型均值', firmsLine: '企业', verticalLine: '纵向占比',
      evolutionText: '按{0}：逐年的内部联系及其期望、企业数与纵向占比，生命周期阶段以底色标示（规则见 docs/evolution.md）。绘制最后一年企业最多的 {1} 个{0}（共 {2} 个）。',
      trajectoryCaption: '{0} 历年：内部联系观测值与期望值、企业数（左轴），纵向占比（右轴）；底色为生命周期阶段。来源：{1}。',
      alluvialTitle: '历年动态社区', alluvialCaption: '动态社区（Greene、Doyle 与 Cunningham 2010）逐年的流向，宽度为成员数：延续、合并（两条带汇合）与分裂（一条带分开）；共 {1} 个中最大的 {0} 个。来源：{2}。',
      stageNames: '萌芽期,成长期,成熟期,衰退期',
      risk: '系统性风险', riskText: '企业的经济系统性风险指数（ESRI；Diem 等 2022）是该企业停产后，损失沿客户（投入缺失）与供应商（需求下降）传播直至稳定时，整个网络产出损失的比例（docs/risk.md）。{0}（精确计算 {1} 家企业{2}）。',
      riskRange: '；无关键投入表时 ESRI 为一个区间：全部投入关键（ESRI，上界）至无关键投入（ESRI linear）',
      esriAxis: 'ESRI（网络产出损失比例，对数刻度）', firmsAxis: '企业（家）', esriZero: '{0} 家企业除自身外不带来产出风险（未绘制）。',
      riskHistTitle: 'ESRI 分布', riskHistCaption: '按四分之一数量级分组的企业 ESRI：少数企业承担几乎全部风险。来源：{0}。',
      riskiestTitle: '风险最高的企业', riskParksTitle: '各园区：产出占比及其风险最高的企业',
      riskParksNote: '外部冲击下的风险产出需按情景计算：firmnet shock FILE --fail-park P 或 --fail-region R。',
      exposureNote: '各园区：其锚定企业（已列出）停产时，以及不含该园区企业的某一地区全部停工（取损失最大者）时，损失按同一级联传播后该园区产出的损失比例（firmnet exposure；{0}）。{1}',
      exposureLinear: '各损失旁的“linear”为无关键投入时的同一数值。',
    },
  };
  const VERDICTS_ZH = {
    'linked cluster': '关联集群', 'part of a wider cluster': '更大集群的一部分', 'co-location only': '仅地理共位',
    'externally oriented': '外向型', 'too small to tell': '规模过小无法判断',
  };
  const COLUMN_TITLES_ZH = {
    unit: '单元', verdict: '判定', firms: '企业', internal: '内部联系', expected: '期望', 'x degree': '×度期望',
    z: 'z', q: 'q', vertical: '纵向占比', 'vertical q': '纵向 q', external: '外部占比', hub: '枢纽',
    community: '社区', share: '占比', why: '理由', rank: '排名', firm: '企业', score: '得分', nodes: '节点',
    institutions: '机构', industry: '行业', stage: '环节', park: '园区', parks: '园区数', anchor: '锚定企业',
    density: '密度', conductance: '传导率', consensus: '一致性', employees: '从业人员', G: 'G', H: 'H',
    gamma: 'gamma', gini: 'gini', note: '说明', Gamma: 'Gamma', Psi: 'Psi', 'h km': '带宽 km', used: '使用',
    'K localised at km': 'K 集聚距离 km', 'K dispersed at km': 'K 分散距离 km', 'M localised at km': 'M 集聚距离 km',
    regions: '地区数', units: '单元数',
  };

  function t(key, ...args) {
    const text = (LABELS[lang][key] !== undefined ? LABELS[lang][key] : LABELS.en[key]) || key;
    return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  }
  const verdictText = (v) => (lang === 'zh' && VERDICTS_ZH[v]) || v;
  const CLUSTER_TYPES_ZH = { marshallian: '马歇尔式', hub_and_spoke: '轮轴式', satellite: '卫星平台式', state_anchored: '国家锚定式', unclassified: '未分类' };
  const clusterTypeText = (v) => (lang === 'zh' && CLUSTER_TYPES_ZH[v]) || String(v || '').replace(/_/g, '-');
  const CLUSTER_TYPE_COLOURS = { marshallian: '#009E73', hub_and_spoke: '#D55E00', satellite: '#CC79A7', state_anchored: '#0072B2', unclassified: '#999999' };
  const columnTitle = (title) => (lang === 'zh' && COLUMN_TITLES_ZH[title]) || title;
  const verdictColour = (v) => VERDICT_COLOURS[v] || NO_VERDICT;

  function fmt(v, digits) {
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && !isFinite(v))) return '–';
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return Number(v.toPrecision(digits || 3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
  const share = (v) => fmt(v, 3);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const resultByName = {};
  for (const r of data.results) resultByName[r.name] = r;
  function describe(name) {
    const r = resultByName[name];
    if (!r) return t('none');
    const p = r.parameters;
    const keys = ['null', 'null_models', 'alpha', 'objective', 'resolution', 'runs', 'by', 'measure', 'min_firms', 'simulations'];
    const shown = keys.filter((k) => p[k] !== undefined).map((k) => `${k} ${p[k]}`);
    return `result '${r.name}' (${r.method}${shown.length ? ', ' + shown.join(', ') : ''}, seed ${r.seed})`;
  }

  // Charts, their figure captions and exports.
  const charts = {};
  const baseOption = { animation: false, textStyle: { fontFamily: FONTS }, backgroundColor: '#ffffff' };
  function figure(parent, id, options) {
    const div = el('div', { class: 'chart ' + ((options && options.cls) || ''), id: 'chart-' + id });
    const caption = el('figcaption');
    const fig = el('figure', { id: 'figure-' + id },
      el('div', { class: 'toolbar' }, (options && options.tools) || null, el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'export-svg', onclick: () => download(exportUrl(id, 'svg'), id + '.svg') }, t('svg')),
        el('button', { type: 'button', class: 'export-png', onclick: () => download(exportUrl(id, 'png'), id + '.png') }, t('png'))),
      div, caption);
    parent.append(fig);
    const chart = echarts.init(div, null, { renderer: (options && options.renderer) || 'svg' });
    charts[id] = chart;
    return { chart, caption, div };
  }
  // An export is drawn afresh by a hidden chart of the same size with the wanted renderer, so
  // that canvas charts export SVG and SVG charts export PNG alike.
  function exportChart(id, type, handle) {
    const source = charts[id];
    const width = source.getWidth(), height = source.getHeight();
    const holder = el('div', { style: `position:absolute;left:-20000px;top:0;width:${width}px;height:${height}px` });
    document.body.append(holder);
    const copy = echarts.init(holder, null, { renderer: type === 'svg' ? 'svg' : 'canvas', width, height });
    const option = source.getOption();
    option.animation = false;
    copy.setOption(option);
    try {
      return handle(copy);
    } finally {
      copy.dispose();
      holder.remove();
    }
  }
  function exportSvg(id) { return exportChart(id, 'svg', (copy) => copy.renderToSVGString()); }
  function exportUrl(id, type) {
    if (type === 'svg') return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(exportSvg(id));
    return exportChart(id, 'png', (copy) => copy.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }));
  }
  function download(url, filename) {
    const a = el('a', { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

  // Sortable, filterable tables with CSV download of the rows shown.
  function table(parent, id, columns, rows, options) {
    const state = { key: null, dir: 1, filter: '' };
    const head = el('tr');
    const body = el('tbody');
    const count = el('span', { class: 'note' });
    const value = (c, r) => (c.value ? c.value(r) : r[c.key]);
    const display = (c, r) => (c.format ? c.format(value(c, r), r) : fmt(value(c, r)));
    const displayText = (c, r) => { const d = display(c, r); return d instanceof Node ? d.textContent : String(d); };
    let shown = rows;
    const filterBox = el('input', { type: 'search', placeholder: t('filter'), class: 'table-filter', 'aria-label': t('filter') });
    filterBox.addEventListener('input', () => { state.filter = filterBox.value.trim().toLowerCase(); render(); });
    columns.forEach((c) => {
      const th = el('th', { class: 'sortable', text: columnTitle(c.title), 'data-key': c.key });
      th.addEventListener('click', () => {
        state.dir = state.key === c.key ? -state.dir : (c.numeric ? -1 : 1);
        state.key = c.key;
        head.querySelectorAll('th').forEach((h) => h.classList.remove('asc', 'desc'));
        th.classList.add(state.dir > 0 ? 'asc' : 'desc');
        render();
      });
      head.append(th);
    });
    function render() {
      shown = rows.filter((r) => !state.filter || columns.some((c) => displayText(c, r).toLowerCase().includes(state.filter)));
      if (state.key !== null) {
        const c = columns.find((x) => x.key === state.key);
        shown = shown.slice().sort((a, b) => {
          const x = value(c, a), y = value(c, b);
          const missingX = x === null || x === undefined || x === '' || (typeof x === 'number' && !isFinite(x));
          const missingY = y === null || y === undefined || y === '' || (typeof y === 'number' && !isFinite(y));
          if (missingX || missingY) return missingX - missingY;
          return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang)) * state.dir;
        });
      }
      body.replaceChildren(...shown.map((r) => {
        const tr = el('tr', { 'data-row': String(rows.indexOf(r)) });
        if (options && options.onRowClick) {
          tr.classList.add('clickable');
          tr.addEventListener('click', () => options.onRowClick(r));
        }
        columns.forEach((c) => {
          const cell = el('td', { class: c.numeric ? 'num' : '' });
          const shownValue = display(c, r);
          if (shownValue instanceof Node) cell.append(shownValue); else cell.textContent = shownValue;
          tr.append(cell);
        });
        return tr;
      }));
      count.textContent = t('rowsShown', shown.length, rows.length);
    }
    function csv() {
      const quote = (s) => (/[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
      const text = (v) => (v === null || v === undefined || (typeof v === 'number' && !isFinite(v)) ? '' : String(v));
      const lines = [columns.map((c) => quote(columnTitle(c.title))).join(',')];
      shown.forEach((r) => lines.push(columns.map((c) => quote(text(value(c, r)))).join(',')));
      // A byte-order mark so that spreadsheet programs read Chinese text as UTF-8.
      return '\ufeff' + lines.join('\r\n') + '\r\n';
    }
    const wrap = el('div', { class: 'table-block', id: 'table-' + id },
      el('div', { class: 'toolbar' }, filterBox, count, el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'export-csv',
          onclick: () => download('data:text/csv;charset=utf-8,' + encodeURIComponent(csv()), id + '.csv') }, t('csv'))),
      el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), body)));
    parent.append(wrap);
    render();
    return {
      select(index) { body.querySelectorAll('tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.row === String(index))); },
      csv,
    };
  }
  const textCol = (key, title, extra) => Object.assign({ key, title }, extra || {});
  const numCol = (key, title, digits) => ({ key, title, numeric: true, format: (v) => fmt(v, digits) });

  // The page skeleton.
  const root = document.getElementById('report');
  const sections = {};
  const order = ['overview', 'map', 'park', 'verdicts', 'network', 'communities', 'clusters', 'evolution', 'anchors', 'risk', 'flows', 'concentration', 'methods'];
  document.title = data.meta.title;
  root.append(el('h1', { text: data.meta.title }));
  root.append(el('p', { class: 'meta', text: `${data.meta.file} · ${t('written', data.meta.version, data.meta.written)} · ${t('fingerprint', data.meta.fingerprint)}` }));
  const src = data.sources;
  root.append(el('p', { class: 'meta', text: t('presenting', src.parks || t('none'), src.communities || t('none'), src.anchors || t('none'), src.concentration || t('none'), src.clusters || t('none')) }));
  root.append(el('nav', {}, ...order.map((id) => el('a', { href: '#' + id, text: t(id) }))));
  for (const id of order) {
    sections[id] = el('section', { id }, el('h2', { text: t(id) }));
    root.append(sections[id]);
  }
  const missing = (what, command) => el('p', { class: 'missing', text: t('missing', what, command) });

  // Overview.
  (function overview() {
    const s = sections.overview;
    s.append(el('p', { text: t('overviewText', fmt(data.meta.nodes), fmt(data.meta.links), fmt(data.meta.parks), fmt(data.meta.regions)) }));
    const kinds = Object.entries(data.meta.kinds).map(([k, n]) => ({ kind: k, n }));
    const types = Object.entries(data.meta.types).map(([k, n]) => ({ kind: k, n }));
    const grid = el('div', { class: 'grid2' });
    s.append(grid);
    table(grid, 'kinds', [textCol('kind', t('kind')), numCol('n', t('nodes'))], kinds);
    table(grid, 'types', [textCol('kind', t('type')), numCol('n', t('links'))], types);
  })();

  // Units (parks) with their stored evidence, where there is a park test.
  const areas = data.areas;
  const units = data.units || null;
  const unitRow = (i) => (units ? units[i] : null);
  const verdictOf = (i) => (units ? units[i].verdict : null);
  const parksSource = describe(src.parks);
  const state = { park: -1, colourBy: 'verdict' };

  // The map: equirectangular with x scaled by cos(mean latitude), drawn on an ECharts geo
  // component whose projection is ours, so its aspect ratio is the projection's.
  const P = data.points;
  const lon = (v) => v / 1e5;
  let meanLat = 0;
  for (const y of P.y) meanLat += y / 1e5;
  meanLat = P.y.length ? meanLat / P.y.length : 0;
  const cosLat = Math.cos((meanLat * Math.PI) / 180);
  const projection = { project: (p) => [p[0] * cosLat, -p[1]], unproject: (p) => [p[0] / cosLat, -p[1]] };
  function extent(lons, lats) {
    const e = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < lons.length; ++i) {
      e[0] = Math.min(e[0], lons[i]); e[1] = Math.min(e[1], lats[i]);
      e[2] = Math.max(e[2], lons[i]); e[3] = Math.max(e[3], lats[i]);
    }
    return e;
  }
  function padded(e, share) {
    const dx = Math.max(e[2] - e[0], 0.01) * share, dy = Math.max(e[3] - e[1], 0.01) * share;
    return [e[0] - dx, e[1] - dy, e[2] + dx, e[3] + dy];
  }
  const hullLons = [], hullLats = [];
  // A park's outline: the user's polygons when given, else its members' convex hull.
  const outlineOf = (a) => a.outline || (a.hull.length ? [a.hull] : []);
  areas.forEach((a) => outlineOf(a).forEach((ring) => ring.forEach((p) => { hullLons.push(lon(p[0])); hullLats.push(lon(p[1])); })));
  const all = padded(extent(P.x.map(lon).concat(hullLons), P.y.map(lon).concat(hullLats)), 0.03);
  const parkExtent = hullLons.length ? padded(extent(hullLons, hullLats), 0.12) : all;
  const hasMap = P.shown > 0 && isFinite(all[0]);
  if (hasMap) {
    echarts.registerMap('firmnet-extent', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'extent' }, geometry: { type: 'Polygon',
        coordinates: [[[all[0], all[1]], [all[2], all[1]], [all[2], all[3]], [all[0], all[3]], [all[0], all[1]]]] } }],
    });
  }
  function pointCategories(mode) {
    const cats = [];
    const index = new Int32Array(P.shown);
    const add = (name, colour) => { cats.push({ name, colour }); return cats.length - 1; };
    if (mode === 'verdict') {
      const byName = {};
      const outside = add(t('outsideParks'), OTHER);
      for (let i = 0; i < P.shown; ++i) {
        const u = P.unit[i];
        if (u < 0) { index[i] = outside; continue; }
        const v = verdictOf(u);
        const name = v ? verdictText(v) : t('parkMember');
        if (byName[name] === undefined) byName[name] = add(name, v ? verdictColour(v) : NO_VERDICT);
        index[i] = byName[name];
      }
    } else if (mode === 'community') {
      const top = ((data.communities && data.communities.rows) || []).slice(0, 7).map((r) => r.community);
      const pos = {};
      top.forEach((c, k) => { pos[c] = add(`${t('community')} ${c}`, OKABE_ITO[k]); });
      const other = add(t('otherCommunities'), OTHER);
      const none = add(t('noCommunity'), '#E0E0E0');
      for (let i = 0; i < P.shown; ++i) index[i] = P.community[i] < 0 ? none : (pos[P.community[i]] !== undefined ? pos[P.community[i]] : other);
    } else {
      const counts = {};
      for (const s of P.stage) if (s >= 0) counts[s] = (counts[s] || 0) + 1;
      const top = Object.keys(counts).map(Number).sort((a, b) => counts[b] - counts[a] || a - b).slice(0, 7).sort((a, b) => a - b);
      const pos = {};
      top.forEach((s, k) => { pos[s] = add(data.stages[s], OKABE_ITO[k]); });
      const other = add(t('otherStages'), OTHER);
      const none = add(t('noStage'), '#E0E0E0');
      for (let i = 0; i < P.shown; ++i) index[i] = P.stage[i] < 0 ? none : (pos[P.stage[i]] !== undefined ? pos[P.stage[i]] : other);
    }
    const institutions = add(t('institutions'), '#000000');
    for (let i = 0; i < P.shown; ++i) if (P.institution[i]) index[i] = institutions;
    return { cats, index };
  }
  function parkTooltip(i) {
    const a = areas[i];
    const u = unitRow(i);
    const lines = [`<b>${escapeHtml(a.name)}</b>`];
    if (u) {
      lines.push(`<span style="color:${verdictColour(u.verdict)}">■</span> ${escapeHtml(verdictText(u.verdict))}`);
      lines.push(escapeHtml(t('evidenceLine', fmt(u.internal_links), fmt(u.null_mean), fmt(u.z), fmt(u.q), fmt(u.degree_ratio), fmt(u.vertical_share))));
      lines.push(`${escapeHtml(t('firms'))}: ${fmt(u.firms)} · ${escapeHtml(t('hub'))}: ${escapeHtml(u.hub || '–')}`);
      lines.push(`<span style="display:inline-block;max-width:420px;white-space:normal">${escapeHtml(t('why'))}: ${escapeHtml(u.reason || '–')}</span>`);
    }
    return lines.join('<br>');
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }
  // Parks as filled hulls, one series per verdict so the legend can hide them.
  function parkSeries() {
    const series = [];
    const groups = {};
    areas.forEach((a, i) => {
      if (!outlineOf(a).length) return;
      const v = verdictOf(i);
      const name = v ? verdictText(v) : t('parkMember');
      (groups[name] = groups[name] || { colour: v ? verdictColour(v) : NO_VERDICT, items: [] }).items.push([lon(a.x), lon(a.y), i]);
    });
    Object.entries(groups).forEach(([name, g]) => series.push({
      id: 'parks-' + name, name, type: 'custom', coordinateSystem: 'geo', z: 2, data: g.items,
      itemStyle: { color: g.colour },
      tooltip: { formatter: (p) => parkTooltip(p.value[2]) },
      renderItem: (params, api) => {
        const i = api.value(2);
        const hull = areas[i].hull;
        const selected = i === state.park;
        const style = { fill: g.colour, opacity: 1, stroke: selected ? '#000000' : g.colour, lineWidth: selected ? 3 : 1.5 };
        if (areas[i].outline) {
          return { type: 'group', children: areas[i].outline.map((ring) => ({ type: 'polygon',
            shape: { points: ring.map((p) => api.coord([lon(p[0]), lon(p[1])])) }, style: Object.assign({}, style, { fill: g.colour + '59' }) })) };
        }
        if (hull.length < 3) {
          const c = api.coord([lon(hull[0][0]), lon(hull[0][1])]);
          return { type: 'circle', shape: { cx: c[0], cy: c[1], r: 8 }, style: Object.assign(style, { fill: g.colour + '66' }) };
        }
        return { type: 'polygon', shape: { points: hull.map((p) => api.coord([lon(p[0]), lon(p[1])])) },
          style: Object.assign(style, { fill: g.colour + '59' }) };
      },
    }));
    return { series, names: Object.keys(groups) };
  }
  // Background tiles from the user's tile server (Web Mercator tiles, each stretched to the
  // projected box of its corners, so they sit right wherever the map is panned).
  const TILE_PIXELS = 256;
  let tileItems = [];
  const tileLon = (x, n) => (x / n) * 360 - 180;
  const tileLat = (y, n) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  function tileSeries() {
    if (!data.meta.tiles) return [];
    const url = (x, y, z) => data.meta.tiles.replace('{z}', z).replace('{x}', x).replace('{y}', y);
    return [{ id: 'tiles', name: 'tiles', type: 'custom', coordinateSystem: 'geo', z: 0, silent: true, data: tileItems,
      renderItem: (params, api) => {
        const x = api.value(2), y = api.value(3), z = api.value(4), n = 2 ** z;
        const a = api.coord([tileLon(x, n), tileLat(y, n)]), b = api.coord([tileLon(x + 1, n), tileLat(y + 1, n)]);
        return { type: 'image', style: { image: url(x, y, z), x: a[0], y: a[1], width: b[0] - a[0], height: b[1] - a[1] } };
      } }];
  }
  // The tiles covering the view at the zoom level whose tiles are about 256 px wide.
  function refreshTiles() {
    if (!data.meta.tiles || !mapChart) return;
    const tl = mapChart.convertFromPixel({ geoIndex: 0 }, [0, 0]);
    const br = mapChart.convertFromPixel({ geoIndex: 0 }, [mapChart.getWidth(), mapChart.getHeight()]);
    if (!tl || !br || !(br[0] > tl[0])) return;
    const z = Math.max(0, Math.min(19, Math.round(Math.log2((360 * mapChart.getWidth()) / ((br[0] - tl[0]) * TILE_PIXELS)))));
    const n = 2 ** z;
    const clamp = (v) => Math.max(0, Math.min(n - 1, v));
    const tileX = (lo) => clamp(Math.floor(((lo + 180) / 360) * n));
    const tileY = (la) => {
      const r = (Math.max(-85, Math.min(85, la)) * Math.PI) / 180;
      return clamp(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
    };
    const items = [];
    for (let x = tileX(tl[0]); x <= tileX(br[0]) && items.length < 400; ++x)
      for (let y = tileY(tl[1]); y <= tileY(br[1]) && items.length < 400; ++y)
        items.push([tileLon(x + 0.5, n), tileLat(y + 0.5, n), x, y, z]);
    tileItems = items;
    mapChart.setOption({ series: tileSeries() }, { lazyUpdate: true });
  }
  // The boundary layer (counties, towns) as outlines under the parks.
  function boundarySeries() {
    const b = data.boundaries;
    if (!b) return [];
    const lines = [];
    b.features.forEach((f) => f.rings.forEach((ring) => lines.push({ name: f.name, coords: ring.map((p) => [lon(p[0]), lon(p[1])]) })));
    return [{ id: 'boundaries', name: t('boundariesName'), type: 'lines', coordinateSystem: 'geo', polyline: true, z: 1,
      lineStyle: { color: '#666666', width: 0.8, opacity: 0.9 }, itemStyle: { color: '#666666' }, data: lines,
      tooltip: { formatter: (p) => escapeHtml(p.data.name || t('boundariesName')) } }];
  }
  // The selected park's firm-level view on the map: its shown members (white) and outside
  // partners (grey) at their positions, and the links among them.
  function selectedFirmSeries() {
    const view = state.park >= 0 && areas[state.park] ? areas[state.park].firms : null;
    const nodes = view ? view.nodes : [];
    const at = (k) => (nodes[k][4] !== null ? [lon(nodes[k][4]), lon(nodes[k][5])] : null);
    const links = view ? view.links.filter((l) => at(l[0]) && at(l[1])).map((l) => ({ coords: [at(l[0]), at(l[1])], value: l[2] })) : [];
    const points = [];
    nodes.forEach((n, k) => { if (at(k)) points.push({ name: n[0], value: at(k).concat([k]), itemStyle: { color: n[2] ? '#FFFFFF' : '#999999' } }); });
    return [
      { id: 'park-firm-links', name: t('firmsOnMap'), type: 'lines', coordinateSystem: 'geo', z: 5, silent: true,
        symbol: ['none', 'arrow'], symbolSize: 5, lineStyle: { color: '#000000', width: 0.8, opacity: 0.5 }, data: links },
      { id: 'park-firms', name: t('firmsOnMap'), type: 'scatter', coordinateSystem: 'geo', z: 5, data: points, symbolSize: 7,
        itemStyle: { color: '#FFFFFF', borderColor: '#000000', borderWidth: 1 },
        tooltip: { formatter: (p) => firmTooltip(view, p.value[2]) } },
    ];
  }
  // Identified clusters' outlines (convex hulls of their members), dashed, coloured by type.
  function clusterFootprintSeries() {
    const c = data.clusters;
    if (!c || !c.footprints.length) return [];
    const rowOf = {};
    c.rows.forEach((r) => { rowOf[r.cluster] = r; });
    return [{ id: 'cluster-footprints', name: t('clusterFootprints'), type: 'custom', coordinateSystem: 'geo', z: 3,
      itemStyle: { color: '#555555' },
      data: c.footprints.map((f) => [lon(f[1][0][0]), lon(f[1][0][1]), f[0]]),
      tooltip: { formatter: (p) => { const r = rowOf[p.value[2]] || {}; return `<b>${escapeHtml(t('cluster'))} ${p.value[2]}</b>: ${escapeHtml(clusterTypeText(r.type))}<br>${escapeHtml(r.regions || '')}`; } },
      renderItem: (params, api) => {
        const f = c.footprints[params.dataIndex];
        const r = rowOf[f[0]] || {};
        const colour = CLUSTER_TYPE_COLOURS[r.type] || OTHER;
        return { type: 'polygon', shape: { points: f[1].map((p) => api.coord([lon(p[0]), lon(p[1])])) },
          style: { fill: 'none', stroke: colour, lineWidth: 2, lineDash: [6, 4] } };
      } }];
  }
  function firmTooltip(view, k) {
    const n = view.nodes[k];
    const lines = [`<b>${escapeHtml(n[0])}</b>`, escapeHtml(n[2] ? t('parkMember') : t('partners'))];
    if (n[1] >= 0) lines.push(`${escapeHtml(t('stage'))}: ${escapeHtml(data.stages[n[1]])}`);
    lines.push(`${escapeHtml(t('degree'))}: ${fmt(n[3])}`);
    if (n[6] >= 0) lines.push(`${escapeHtml(t('community'))}: ${n[6]}`);
    if (n[7] >= 0 && areas[n[7]]) lines.push(`${escapeHtml(t('park_'))}: ${escapeHtml(areas[n[7]].name)}`);
    return lines.join('<br>');
  }
  function mapSeries(mode) {
    const parks = parkSeries();
    const series = tileSeries().concat(boundarySeries(), parks.series, clusterFootprintSeries(), selectedFirmSeries());
    // Links between places, aggregated.
    const flows = data.flows.shown;
    const maxLinks = flows.reduce((m, f) => Math.max(m, f[2]), 1);
    const places = data.places;
    series.push({
      id: 'flows', name: t('flowsName'), type: 'lines', coordinateSystem: 'geo', z: 3,
      symbol: ['none', 'arrow'], symbolSize: 7,
      lineStyle: { color: '#333333', opacity: 0.45, curveness: 0.18 },
      itemStyle: { color: '#333333' },
      data: flows.filter((f) => places[f[0]].x !== undefined && places[f[1]].x !== undefined).map((f) => ({
        coords: [[lon(places[f[0]].x), lon(places[f[0]].y)], [lon(places[f[1]].x), lon(places[f[1]].y)]],
        value: f[2], from: places[f[0]].name, to: places[f[1]].name, weight: f[3],
        lineStyle: { width: 0.6 + 7 * Math.sqrt(f[2] / maxLinks) },
      })),
      tooltip: { formatter: (p) => `${escapeHtml(p.data.from)} → ${escapeHtml(p.data.to)}: ${fmt(p.data.value)} ${escapeHtml(t('links'))} (weight ${fmt(p.data.weight)})` },
    });
    // Nodes, coloured on demand.
    const { cats, index } = pointCategories(mode);
    const large = P.shown > 4000;
    cats.forEach((c, k) => {
      const items = [];
      for (let i = 0; i < P.shown; ++i) if (index[i] === k) items.push([lon(P.x[i]), lon(P.y[i]), i]);
      if (!items.length) return;
      const institutions = c.name === t('institutions');
      series.push({
        id: 'points-' + k, name: c.name, type: 'scatter', coordinateSystem: 'geo', z: 4, data: items,
        symbol: institutions ? 'diamond' : 'circle', symbolSize: institutions ? 7 : (large ? 2.5 : 4),
        large, largeThreshold: 1000,
        itemStyle: { color: c.colour, opacity: 0.85, borderColor: institutions ? '#ffffff' : null, borderWidth: institutions ? 0.5 : 0 },
        tooltip: { formatter: (p) => pointTooltip(p.value[2]) },
      });
    });
    // Park names, moved apart where they would overlap; with many parks, the largest only,
    // and those that would overlap are hidden until a zoom makes room.
    const located = areas.map((a, i) => i).filter((i) => areas[i].located > 0);
    const labelled = located.length > kLabelledParks
      ? located.sort((a, b) => areas[b].located - areas[a].located || a - b).slice(0, kLabelledParks) : located;
    series.push({
      id: 'park-labels', name: 'park-labels', type: 'scatter', coordinateSystem: 'geo', z: 6, silent: true,
      symbolSize: 1, itemStyle: { color: 'transparent' },
      data: labelled.map((i) => ({ name: areas[i].name, value: [lon(areas[i].x), lon(areas[i].y), i] })),
      label: { show: true, formatter: (p) => p.name, fontSize: 12, fontWeight: 600, color: '#111111',
        textBorderColor: '#ffffff', textBorderWidth: 3, position: 'top', distance: 4 },
      labelLayout: areas.length > kLabelledParks ? { hideOverlap: true } : { moveOverlap: 'shiftY' },
      tooltip: { show: false },
    });
    const extra = (data.boundaries ? [t('boundariesName')] : []).concat(data.clusters && data.clusters.footprints.length ? [t('clusterFootprints')] : [], [t('firmsOnMap')]);
    return { series, legend: parks.names.concat([t('flowsName')], cats.map((c) => c.name), extra) };
  }
  function pointTooltip(i) {
    const lines = [`<b>${escapeHtml(P.label[i])}</b>`];
    if (P.unit[i] >= 0) lines.push(`${escapeHtml(t('park_'))}: ${escapeHtml(areas[P.unit[i]].name)}${verdictOf(P.unit[i]) ? ' (' + escapeHtml(verdictText(verdictOf(P.unit[i]))) + ')' : ''}`);
    if (P.community[i] >= 0) lines.push(`${escapeHtml(t('community'))}: ${P.community[i]}`);
    if (P.stage[i] >= 0) lines.push(`${escapeHtml(t('stage'))}: ${escapeHtml(data.stages[P.stage[i]])}`);
    return lines.join('<br>');
  }
  const niceLength = (km) => {
    const p = Math.pow(10, Math.floor(Math.log10(km)));
    return [1, 2, 5, 10].map((m) => m * p).filter((v) => v <= km).pop() || p;
  };
  let mapChart = null;
  const kLabelledParks = 40;
  // The scale bar (a round length near 130 px, true at the mean latitude) and the north arrow,
  // as graphic elements so that exports carry them.
  // z is a property of drawn elements, not of groups: each child carries it, above the geo area.
  const above = (elements) => elements.map((e) => Object.assign({ z: 100 }, e));
  function mapGraphics(pxPerKm) {
    const km = niceLength(130 / pxPerKm);
    const width = km * pxPerKm;
    return [
      { id: 'scale-bar', type: 'group', left: 24, bottom: 24, silent: true, children: above([
        { type: 'rect', shape: { x: -6, y: -20, width: width + 12, height: 32 }, style: { fill: 'rgba(255,255,255,0.8)' } },
        { type: 'line', shape: { x1: 0, y1: 0, x2: width, y2: 0 }, style: { stroke: '#000', lineWidth: 2 } },
        { type: 'line', shape: { x1: 0, y1: -5, x2: 0, y2: 5 }, style: { stroke: '#000', lineWidth: 2 } },
        { type: 'line', shape: { x1: width, y1: -5, x2: width, y2: 5 }, style: { stroke: '#000', lineWidth: 2 } },
        { type: 'text', x: width / 2, y: -7, style: { text: `${fmt(km)} km`, fill: '#000', font: `12px ${FONTS}`, align: 'center', verticalAlign: 'bottom' } },
      ]) },
      { id: 'north-arrow', type: 'group', right: 28, top: 70, silent: true, children: above([
        { type: 'polygon', shape: { points: [[10, 0], [20, 30], [10, 23], [0, 30]] }, style: { fill: '#000' } },
        { type: 'text', x: 10, y: 34, style: { text: 'N', fill: '#000', font: `bold 14px ${FONTS}`, align: 'center', verticalAlign: 'top' } },
      ]) },
    ];
  }
  // After a zoom or pan: the scale bar from the pixels of one degree of longitude at the mean latitude.
  function redrawScale() {
    const a = mapChart.convertToPixel({ geoIndex: 0 }, [0, meanLat]);
    const b = mapChart.convertToPixel({ geoIndex: 0 }, [1, meanLat]);
    if (a && b) mapChart.setOption({ graphic: mapGraphics(Math.abs(b[0] - a[0]) / (111.32 * cosLat)) }, { lazyUpdate: true });
  }
  (function map() {
    const s = sections.map;
    if (!hasMap) { s.append(el('p', { class: 'missing', text: t('allNote', 0) })); return; }
    const modeSelect = el('select', { id: 'colour-by', 'aria-label': t('colourBy') },
      ...['verdict', 'community', 'stage'].map((m) => el('option', { value: m, text: t(m) })));
    const fitAll = el('button', { type: 'button', id: 'fit-all', text: t('showAll') });
    const fitParks = el('button', { type: 'button', id: 'fit-parks', text: t('showParks') });
    const tools = el('span', {}, el('label', {}, t('colourBy') + ' ', modeSelect), ' ', fitAll, ' ', fitParks);
    const f = figure(s, 'map', { cls: 'map', tools, renderer: P.shown > 4000 ? 'canvas' : 'svg' });
    mapChart = f.chart;
    const bounds = (e) => [[e[0], e[3]], [e[2], e[1]]];
    // ECharts stretches a geo box given by all four edges, so the box is sized here to the
    // view's projected aspect, centred in the space below the title and legend.
    function geoBox(view) {
      const w = (view[2] - view[0]) * cosLat, h = view[3] - view[1];
      const room = [mapChart.getWidth() - 40, mapChart.getHeight() - 90];
      const scale = Math.min(room[0] / w, room[1] / h);
      return { left: 20 + (room[0] - w * scale) / 2, top: 70 + (room[1] - h * scale) / 2, width: w * scale, height: h * scale };
    }
    function option(mode, view) {
      const { series, legend } = mapSeries(mode);
      const box = geoBox(view);
      return Object.assign({}, baseOption, {
        graphic: mapGraphics(box.width / ((view[2] - view[0]) * 111.32 * cosLat)),
        title: { text: t('map'), left: 10, top: 4, textStyle: { fontSize: 15 } },
        tooltip: { trigger: 'item', confine: true, className: 'firmnet-tooltip', enterable: false },
        legend: { type: 'scroll', top: 30, left: 10, right: 10, data: legend },
        geo: Object.assign({ map: 'firmnet-extent', projection, roam: true, boundingCoords: bounds(view),
          itemStyle: { areaColor: data.meta.tiles ? 'transparent' : '#f7f7f5', borderColor: '#dddddd' }, emphasis: { disabled: true }, silent: true,
          label: { show: false }, scaleLimit: { min: 0.2, max: 200 } }, box),
        series,
      });
    }
    let view = parkExtent;
    mapChart.setOption(option('verdict', view));
    refreshTiles();
    modeSelect.addEventListener('change', () => {
      state.colourBy = modeSelect.value;
      mapChart.setOption(option(state.colourBy, view), { replaceMerge: ['series', 'legend'] });
    });
    const refit = (e) => { view = e; mapChart.setOption(option(state.colourBy, view), { notMerge: true }); refreshTiles(); };
    fitAll.addEventListener('click', () => refit(all));
    fitParks.addEventListener('click', () => refit(parkExtent));
    mapChart.on('georoam', () => { redrawScale(); refreshTiles(); });
    window.addEventListener('resize', () => { mapChart.setOption({ geo: geoBox(view) }); redrawScale(); refreshTiles(); });
    // A click on a park, or on one of its members (sampled or of the selected park's view),
    // selects the park.
    mapChart.on('click', (p) => {
      if (!p.seriesId) return;
      if (p.seriesId.startsWith('parks-')) selectPark(p.value[2]);
      else if (p.seriesId.startsWith('points-') && P.unit[p.value[2]] >= 0) selectPark(P.unit[p.value[2]]);
      else if (p.seriesId === 'park-firms' && state.park >= 0) {
        const unit = areas[state.park].firms.nodes[p.value[2]][7];
        if (unit >= 0) selectPark(unit);
      }
    });
    const flowNote = t('flowNote', fmt(data.flows.shown.length), fmt(data.flows.pairs));
    f.caption.textContent = t('mapCaption', meanLat.toFixed(2), parksSource);
    f.caption.append(el('br'), el('span', { id: 'sample-note', text: P.shown < P.located ? t('sampleNote', fmt(P.shown), fmt(P.located)) : t('allNote', fmt(P.located)) }),
      ' ', flowNote);
    const o = data.outlines, b = data.boundaries;
    if (o) f.caption.append(' ', el('span', { id: 'outlines-note', text: t('outlinesNote', o.file, fmt(o.matched), fmt(o.unmatched)) }));
    if (b) f.caption.append(' ', el('span', { id: 'boundaries-note', text: t('boundariesNote', b.file, fmt(b.features.length), b.kept < b.positions ? t('thinned', fmt(b.kept), fmt(b.positions)) : '') }));
    if (data.meta.tiles) f.caption.append(' ', el('span', { id: 'tiles-note', text: t('tilesNote', data.meta.tiles) }));
  })();

  // The selected park: its null distribution, stage matrix, anchors and where its links go.
  const parkPanels = {};
  function stageMatrixOption(title, entries) {
    const used = Array.from(new Set(entries.flatMap((e) => [e[0], e[1]]))).sort((a, b) => a - b);
    const pos = {};
    used.forEach((s, k) => { pos[s] = k; });
    const labels = used.map((s) => data.stages[s]);
    const max = entries.reduce((m, e) => Math.max(m, e[2]), 0);
    // Colour by log10(1 + links): a few large cells would otherwise leave the rest one colour.
    const toLog = (n) => Math.log10(1 + n), fromLog = (v) => Math.round(Math.pow(10, v) - 1);
    const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
    const gap = Math.min(160, 14 + longest * 6);
    return Object.assign({}, baseOption, {
      title: { text: title, left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { formatter: (p) => `${escapeHtml(labels[p.value[1]])} → ${escapeHtml(labels[p.value[0]])}: ${fmt(p.value[3])} ${escapeHtml(t('links'))}` },
      grid: { left: gap + 34, right: 150, top: 36, bottom: gap * 0.75 + 40 },
      xAxis: { type: 'category', data: labels, name: t('toStage'), nameLocation: 'middle', nameGap: gap * 0.75 + 14,
        axisLabel: { rotate: 45, interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, inverse: true, name: t('fromStage'), nameLocation: 'middle', nameGap: gap + 10,
        axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { type: 'continuous', min: 0, max: toLog(Math.max(max, 1)), dimension: 2, calculable: true, orient: 'vertical', right: 20,
        top: 'middle', itemHeight: 160, inRange: { color: VIRIDIS }, text: [t('linksLog'), ''], textGap: 8,
        formatter: (v) => fmt(fromLog(v)) },
      series: [{ name: t('linksCount'), type: 'heatmap', data: entries.map((e) => [pos[e[1]], pos[e[0]], toLog(e[2]), e[2]]),
        label: { show: used.length <= 12, fontSize: 10, color: '#ffffff', textBorderColor: '#000000', textBorderWidth: 2,
          formatter: (p) => fmt(p.value[3]) } }],
    });
  }
  function nullOption(i) {
    const a = areas[i], u = unitRow(i);
    const samples = a.null;
    const observed = u ? u.internal_links : null, expected = u ? u.null_mean : null;
    const values = samples.concat([observed, expected].filter((v) => typeof v === 'number' && isFinite(v)));
    let lo = Math.min(...values), hi = Math.max(...values);
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const bins = 20, width = (hi - lo) / bins;
    const counts = new Array(bins).fill(0);
    for (const v of samples) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
    const marker = (name, value, colour, type) => ({ name, type: 'line', data: [], itemStyle: { color: colour }, lineStyle: { color: colour, type },
      markLine: { symbol: 'none', silent: true, lineStyle: { color: colour, width: 2, type }, label: { formatter: `${name}: ${fmt(value)}`, position: 'end', color: colour },
        data: [{ xAxis: value }] } });
    return Object.assign({}, baseOption, {
      title: { text: `${a.name}: ${u ? verdictText(u.verdict) : ''}`, subtext: u ? `z = ${fmt(u.z)}, q = ${fmt(u.q)}` : '', left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, data: [t('nullReplicates'), t('observed'), t('nullExpectation')] },
      grid: { left: 64, right: 30, top: 64, bottom: 70 },
      xAxis: { type: 'value', name: t('internalLinks'), nameLocation: 'middle', nameGap: 28, min: lo - width, max: hi + width,
        axisLabel: { formatter: (v) => fmt(v) } },
      yAxis: { type: 'value', name: t('replicates'), nameLocation: 'middle', nameGap: 42, minInterval: 1 },
      series: [
        { name: t('nullReplicates'), type: 'custom', itemStyle: { color: '#9E9E9E' }, encode: { x: [0, 1], y: 2 },
          data: counts.map((c, b) => [lo + b * width, lo + (b + 1) * width, c]),
          tooltip: { formatter: (p) => `${fmt(p.value[0])}–${fmt(p.value[1])}: ${p.value[2]} ${escapeHtml(t('nullReplicates'))}` },
          renderItem: (params, api) => {
            const top = api.coord([api.value(0), api.value(2)]), bottom = api.coord([api.value(1), 0]);
            return { type: 'rect', shape: { x: top[0], y: top[1], width: Math.max(1, bottom[0] - top[0] - 1), height: bottom[1] - top[1] },
              style: { fill: '#9E9E9E' } };
          } },
        marker(t('observed'), observed, '#D55E00', 'solid'),
        marker(t('nullExpectation'), expected, '#0072B2', 'dashed'),
      ],
    });
  }
  // A firm-level view (report_data.cpp, write_firm_view) as a force-directed graph: members
  // coloured by stage, outside partners grey, size by links.
  function firmGraphOption(title, view) {
    const maxDegree = view.nodes.reduce((m, n) => Math.max(m, n[3]), 1);
    const categories = [{ name: t('partners'), itemStyle: { color: OTHER } }];
    const categoryOf = {};
    const nodes = view.nodes.map((n, k) => {
      let category = 0;
      if (n[2]) {
        if (categoryOf[n[1]] === undefined) {
          categoryOf[n[1]] = categories.length;
          // Okabe-Ito without its black, which marks institutions elsewhere.
          categories.push({ name: n[1] >= 0 ? data.stages[n[1]] : t('noStage'),
            itemStyle: { color: n[1] >= 0 ? OKABE_ITO[(categories.length - 1) % (OKABE_ITO.length - 1)] : '#6B6B6B' } });
        }
        category = categoryOf[n[1]];
      }
      // The three members with most links are named.
      return { id: String(k), name: n[0], value: n[3], category, symbolSize: 5 + 15 * Math.sqrt(n[3] / maxDegree),
        label: { show: k < 3 && n[2] === 1 } };
    });
    const maxLinks = view.links.reduce((m, l) => Math.max(m, l[2]), 1);
    return Object.assign({}, baseOption, {
      title: { text: title, left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { confine: true, formatter: (p) => (p.dataType === 'edge'
        ? `${escapeHtml(view.nodes[p.data.source][0])} → ${escapeHtml(view.nodes[p.data.target][0])}: ${fmt(p.data.value)} ${escapeHtml(t('links'))}`
        : firmTooltip(view, Number(p.data.id))) },
      legend: { bottom: 0, data: categories.map((c) => c.name) },
      series: [{ type: 'graph', layout: 'force', force: { repulsion: 70, edgeLength: [25, 80], gravity: 0.16, layoutAnimation: false },
        roam: true, draggable: true, top: 50, bottom: 60, left: 40, right: 40, categories, data: nodes,
        links: view.links.map((l) => ({ source: l[0], target: l[1], value: l[2], lineStyle: { width: 0.6 + 2.5 * Math.sqrt(l[2] / maxLinks) } })),
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 4, lineStyle: { opacity: 0.5, color: '#555555' },
        emphasis: { focus: 'adjacency' }, labelLayout: { hideOverlap: true },
        label: { position: 'right', fontSize: 11, textBorderColor: '#ffffff', textBorderWidth: 2 } }],
    });
  }
  function linksOption() {
    const names = areas.map((a) => a.name);
    const column = (key) => units.map((u, i) => ({ value: u[key], itemStyle: { opacity: state.park < 0 || i === state.park ? 1 : 0.4 } }));
    return Object.assign({}, baseOption, {
      title: { text: t('shareAxis'), left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => share(v) },
      legend: { bottom: 0, data: [t('shareInside'), t('shareRegion'), t('shareOutside')] },
      grid: { left: 90, right: 24, top: 34, bottom: 64 },
      xAxis: { type: 'value', max: 1, name: t('shareAxis'), nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: names, inverse: true, name: t('park_'), nameLocation: 'start',
        axisLabel: { formatter: (v) => (state.park >= 0 && v === names[state.park] ? `{b|${v}}` : v), rich: { b: { fontWeight: 'bold' } } } },
      series: [
        { name: t('shareInside'), type: 'bar', stack: 'ends', itemStyle: { color: '#0072B2' }, data: column('share_internal') },
        { name: t('shareRegion'), type: 'bar', stack: 'ends', itemStyle: { color: '#56B4E9' }, data: column('share_region') },
        { name: t('shareOutside'), type: 'bar', stack: 'ends', itemStyle: { color: '#E69F00' }, data: column('share_external') },
      ],
    });
  }
  (function parkSection() {
    const s = sections.park;
    if (!areas.length) { s.append(missing(t('verdicts'), 'firmnet parks FILE')); return; }
    const chooser = el('select', { id: 'park-select', 'aria-label': t('selectPark') },
      ...areas.map((a, i) => el('option', { value: String(i), text: a.name + (verdictOf(i) ? ' · ' + verdictText(verdictOf(i)) : '') })));
    chooser.addEventListener('change', () => selectPark(Number(chooser.value)));
    s.append(el('div', { class: 'toolbar' }, el('label', {}, t('selectPark') + ' ', chooser)));
    parkPanels.chooser = chooser;
    parkPanels.evidence = el('div', { class: 'evidence', id: 'park-evidence' });
    s.append(parkPanels.evidence);
    const grid = el('div', { class: 'grid2' });
    s.append(grid);
    const left = el('div'), right = el('div');
    grid.append(left, right);
    if (units) {
      parkPanels.null = figure(left, 'park-null', { cls: 'tall' });
      parkPanels.links = figure(right, 'park-links', { cls: 'tall' });
    } else {
      s.prepend(missing(t('verdicts'), 'firmnet parks FILE'));
    }
    parkPanels.stages = figure(left, 'park-stages', { cls: 'tall' });
    const anchorBox = el('div', { id: 'park-anchors' });
    right.append(anchorBox);
    parkPanels.anchors = anchorBox;
    parkPanels.firms = figure(s, 'park-firms', { cls: 'tall' });
  })();
  function selectPark(i) {
    if (i < 0 || i >= areas.length) return;
    state.park = i;
    const a = areas[i], u = unitRow(i);
    if (parkPanels.chooser) parkPanels.chooser.value = String(i);
    if (parkPanels.evidence) {
      parkPanels.evidence.replaceChildren(el('b', { text: a.name }), ' ');
      if (u) {
        parkPanels.evidence.append(el('span', { class: 'verdict-chip', style: `background:${verdictColour(u.verdict)}`, text: verdictText(u.verdict) }),
          el('br'), t('evidenceLine', fmt(u.internal_links), fmt(u.null_mean), fmt(u.z), fmt(u.q), fmt(u.degree_ratio), fmt(u.vertical_share)),
          el('br'), `${t('why')}: ${u.reason}`);
      }
    }
    if (parkPanels.null) {
      if (a.null.length) parkPanels.null.chart.setOption(nullOption(i), true);
      else parkPanels.null.chart.setOption(Object.assign({}, baseOption, { title: { text: t('noNull'), left: 'center', top: 'middle', textStyle: { fontSize: 13 } } }), true);
      const p = resultByName[src.parks] ? resultByName[src.parks].parameters : {};
      parkPanels.null.caption.textContent = t('nullCaption', a.name, fmt(a.null.length), p.null || '', p.null_choice || '', parksSource);
      parkPanels.links.chart.setOption(linksOption(), true);
      parkPanels.links.caption.textContent = t('linksCaption', parksSource);
    }
    parkPanels.stages.chart.setOption(stageMatrixOption(`${a.name}: ${t('flows')}`, a.stageLinks), true);
    parkPanels.stages.caption.textContent = t('stageCaption', a.name, parksSource);
    parkPanels.anchors.replaceChildren(el('h3', { text: t('anchorsIn', a.name) }));
    if (a.anchors.length) {
      parkPanels.anchors.append(el('p', { class: 'note', text: t('anchorsInNote', src.anchors) }));
      table(parkPanels.anchors, 'park-anchors', [textCol('name', 'firm'), numCol('score', 'score'), textCol('reason', 'why')], a.anchors);
    } else {
      parkPanels.anchors.append(el('p', { class: 'note', text: t('noAnchors') }));
    }
    const v = a.firms;
    parkPanels.firms.chart.setOption(firmGraphOption(t('firmView', a.name), v), true);
    parkPanels.firms.caption.textContent = t('firmViewCaption', a.name, fmt(v.shown), fmt(v.members), fmt(v.nodes.length - v.shown), parksSource);
    if (verdictTable) verdictTable.select(i);
    if (mapChart) mapChart.setOption({ series: parkSeries().series.concat(selectedFirmSeries()) });
  }

  // Park verdicts.
  let verdictTable = null;
  (function verdicts() {
    const s = sections.verdicts;
    if (!units) { s.append(missing(t('verdicts'), 'firmnet parks FILE')); return; }
    s.append(el('p', { text: t('verdictsText') }));
    const p = resultByName[src.parks] ? resultByName[src.parks].parameters : {};
    if (p.study_area_resolved) s.append(el('p', { class: 'study-area', text: t('studyArea', p.study_area_resolved) }));
    const rows = units.map((u, i) => Object.assign({ index: i }, u));
    verdictTable = table(s, 'verdicts', [
      textCol('name', 'unit'),
      { key: 'verdict', title: 'verdict', format: (v) => el('span', { class: 'verdict-chip', style: `background:${verdictColour(v)}`, text: verdictText(v) }) },
      numCol('firms', 'firms'), numCol('internal_links', 'internal'), numCol('null_mean', 'expected'),
      numCol('degree_ratio', 'x degree'), numCol('z', 'z'), numCol('q', 'q'), numCol('vertical_share', 'vertical'),
      numCol('vertical_q', 'vertical q'), numCol('share_external', 'external'), textCol('hub', 'hub', { format: (v, r) => v || r.hub_id || '–' }),
      numCol('dominant_community', 'community'), numCol('dominant_share', 'share'), textCol('reason', 'why'),
    ], rows, { onRowClick: (r) => selectPark(r.index) });
    if (data.parkDeterrence && data.parkDeterrence.length) deterrenceFigure(s, 'park-deterrence', data.parkDeterrence, parksSource);
  })();
  function deterrenceFigure(parent, id, rows, source) {
    parent.append(el('h3', { text: t('deterrenceTitle') }));
    const f = figure(parent, id);
    const points = rows.filter((r) => r.value > 0).map((r) => {
      const upper = typeof r.upper_km === 'number' && isFinite(r.upper_km) ? r.upper_km : r.lower_km * 1.5;
      const lower = r.lower_km > 0 ? r.lower_km : upper / 2;
      return [Math.sqrt(lower * upper), r.value];
    });
    f.chart.setOption(Object.assign({}, baseOption, {
      title: { text: t('deterrenceTitle'), left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v, 4) },
      legend: { bottom: 0, data: ['f(d)'] },
      grid: { left: 80, right: 30, top: 40, bottom: 64 },
      xAxis: { type: 'log', name: t('distanceKm'), nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v) => fmt(v) } },
      yAxis: { type: 'log', name: t('deterrence'), nameLocation: 'middle', nameGap: 56, axisLabel: { formatter: (v) => Number(v).toExponential(0) } },
      series: [{ name: 'f(d)', type: 'line', data: points, symbolSize: 6, itemStyle: { color: '#0072B2' } }],
    }));
    f.caption.textContent = t('deterrenceCaption', source);
  }

  // The network view: parks and communities as aggregated nodes.
  (function network() {
    const s = sections.network;
    const c = data.communities;
    if (!areas.length && !c) { s.append(missing(t('communities'), 'firmnet communities FILE')); return; }
    const nodes = [], links = [];
    const parkNode = {};
    const members = areas.map(() => 0);
    if (units) units.forEach((u, i) => { members[i] = u.firms; });
    areas.forEach((a, i) => {
      parkNode[i] = nodes.length;
      nodes.push({ name: a.name, category: 0, value: members[i] || a.located, symbolSize: 10 + 2.2 * Math.sqrt(members[i] || a.located),
        itemStyle: { color: verdictOf(i) ? verdictColour(verdictOf(i)) : NO_VERDICT } });
    });
    const places = data.places;
    const flowMax = data.flows.shown.reduce((m, f) => Math.max(m, f[2]), 1);
    data.flows.shown.forEach((f) => {
      if (places[f[0]].park && places[f[1]].park)
        links.push({ source: parkNode[f[0]], target: parkNode[f[1]], value: f[2], lineStyle: { width: 0.5 + 6 * Math.sqrt(f[2] / flowMax), color: '#555555' } });
    });
    const drawn = c ? Math.min(40, c.rows.length) : 0;
    const communityNode = {};
    for (let k = 0; k < drawn; ++k) {
      const r = c.rows[k];
      communityNode[k] = nodes.length;
      nodes.push({ name: `${t('community')} ${r.community}`, category: 1, value: r.nodes, symbolSize: 6 + 1.6 * Math.sqrt(r.nodes),
        itemStyle: { color: '#4D4D4D' } });
    }
    if (c) {
      const max = c.links.reduce((m, l) => Math.max(m, l[2]), 1);
      c.links.forEach((l) => links.push({ source: communityNode[l[0]], target: communityNode[l[1]], value: l[2],
        lineStyle: { width: 0.5 + 6 * Math.sqrt(l[2] / max), color: '#999999' } }));
      c.unitMembers.forEach((m) => {
        if (m[2] >= 10 && parkNode[m[0]] !== undefined && communityNode[m[1]] !== undefined)
          links.push({ source: parkNode[m[0]], target: communityNode[m[1]], value: m[2], members: true,
            lineStyle: { type: 'dashed', width: 0.5 + 3 * Math.sqrt(m[2] / 200), color: '#E69F00' } });
      });
    }
    // Many nodes draw faster on a canvas; the SVG export is drawn afresh either way.
    const f = figure(s, 'network', { cls: 'tall', renderer: nodes.length > 120 ? 'canvas' : 'svg' });
    f.div.style.height = '640px';
    f.chart.resize();
    f.chart.setOption(Object.assign({}, baseOption, {
      title: { text: t('network'), left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { formatter: (p) => (p.dataType === 'edge'
        ? `${escapeHtml(nodes[p.data.source].name)} — ${escapeHtml(nodes[p.data.target].name)}: ${fmt(p.data.value)} ${escapeHtml(p.data.members ? t('firms') : t('links'))}`
        : `${escapeHtml(p.name)}: ${fmt(p.value)} ${escapeHtml(t('nodes'))}`) },
      legend: { bottom: 0, data: [t('parksCat'), t('communitiesCat')] },
      series: [{ type: 'graph', layout: 'circular', circular: { rotateLabel: true }, top: 110, bottom: 90, left: 120, right: 120,
        categories: [{ name: t('parksCat'), itemStyle: { color: '#0072B2' } }, { name: t('communitiesCat'), itemStyle: { color: '#4D4D4D' } }],
        data: nodes, links, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 5,
        label: { show: true, position: 'right', fontSize: 10 }, lineStyle: { opacity: 0.6, curveness: 0.25 },
        emphasis: { focus: 'adjacency' } }],
    }));
    f.caption.textContent = t('networkCaption', drawn, `${parksSource}; ${describe(src.communities)}`);
    // The firm-level view of one community; a click on a node of the network above selects its
    // community here, or its park in the park section.
    const views = c && c.firmViews ? c.firmViews.slice(0, drawn) : [];
    if (views.length) {
      const chooser = el('select', { id: 'community-select', 'aria-label': t('chooseCommunity') },
        ...views.map((v, k) => el('option', { value: String(k), text: `${t('community')} ${c.rows[k].community} (${fmt(v.members)} ${t('nodes')})` })));
      const g = figure(s, 'community-firms', { cls: 'tall', tools: el('label', {}, t('chooseCommunity') + ' ', chooser) });
      const show = (k) => {
        chooser.value = String(k);
        const v = views[k], name = `${t('community')} ${c.rows[k].community}`;
        g.chart.setOption(firmGraphOption(t('firmView', name), v), true);
        g.caption.textContent = t('firmViewCaption', name, fmt(v.shown), fmt(v.members), fmt(v.nodes.length - v.shown), describe(src.communities));
      };
      chooser.addEventListener('change', () => show(Number(chooser.value)));
      f.chart.on('click', (p) => {
        if (p.dataType !== 'node') return;
        if (p.dataIndex >= areas.length) show(p.dataIndex - areas.length);
        else selectPark(p.dataIndex);
      });
      show(0);
    }
  })();

  // Communities.
  (function communities() {
    const s = sections.communities;
    const c = data.communities;
    if (!c) { s.append(missing(t('communities'), 'firmnet communities FILE')); return; }
    s.append(el('p', { text: t('communitiesText', fmt(c.total), describe(src.communities), fmt(c.rows.length)) }));
    const withShare = (key) => (v, r) => (v ? `${v} (${share(r[key])})` : '–');
    table(s, 'communities', [
      numCol('community', 'community'), numCol('nodes', 'nodes'), numCol('firms', 'firms'), numCol('institutions', 'institutions'),
      textCol('industry', 'industry', { format: withShare('industry_share') }), textCol('stage', 'stage', { format: withShare('stage_share') }),
      textCol('park', 'park', { format: withShare('park_share') }), numCol('parks', 'parks'), textCol('anchor', 'anchor', { format: (v) => v || '–' }),
      numCol('density', 'density'), numCol('conductance', 'conductance'), numCol('consensus', 'consensus'),
    ], c.rows);
    if (c.deterrence && c.deterrence.length) deterrenceFigure(s, 'community-deterrence', c.deterrence, describe(src.communities));
  })();

  // Clusters where no park is drawn: a card per cluster, and the table.
  (function clusterSection() {
    const s = sections.clusters;
    const c = data.clusters;
    if (!c) { s.append(missing(t('clusters'), 'firmnet clusters FILE')); return; }
    s.append(el('p', { text: t('clustersText', fmt(c.rows.length), c.candidates || '–', describe(src.clusters)) }));
    if (!c.rows.length) { s.append(el('p', { class: 'note', text: t('noClusters') })); return; }
    const growth = (v) => (typeof v === 'number' && isFinite(v) ? (v >= 0 ? '+' : '') + (100 * v).toFixed(0) + '%' : '–');
    const cards = el('div', { class: 'cluster-cards', id: 'cluster-cards' });
    for (const r of c.rows) {
      const facts = [
        [t('firms'), `${fmt(r.firms)} (${fmt(r.employment)} ${t('employees')})`],
        [t('industryLq'), r.dominant_industry ? `${r.dominant_industry} (${fmt(r.dominant_lq)})` : '–'],
        [t('localSupply'), share(r.local_supply_ratio)], [t('verticalShare'), share(r.vertical_share)],
        [t('institutionDensity'), share(r.institution_density)], [t('externalOrientation'), share(r.external_orientation)],
        [t('anchorsLabel'), r.anchors || '–'], [t('regionsLabel'), r.regions || '–'], [t('bordersLabel'), String(r.border_regions || '').split('; ').filter(Boolean).length > 1 ? r.border_regions : '–'],
        [t('growthLabel'), `${growth(r.firm_growth)} / ${growth(r.link_growth)}`],
      ];
      if (r.category !== undefined) facts.push([t('categoryLabel'), r.category ? `${r.category} (${share(r.category_share)})` : '–']);
      cards.append(el('div', { class: 'cluster-card', style: `border-top-color:${CLUSTER_TYPE_COLOURS[r.type] || OTHER}` },
        el('h3', { text: `${t('cluster')} ${r.cluster}: ${clusterTypeText(r.type)}` + (r.runner_up ? ` (${t('runnerUp')}: ${clusterTypeText(r.runner_up)})` : '') }),
        el('p', { class: 'note', text: r.type_reason }),
        el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]))));
    }
    s.append(cards);
    table(s, 'clusters', [numCol('cluster', 'cluster'), textCol('type', 'type', { format: (v) => clusterTypeText(v) }),
      numCol('firms', 'firms'), numCol('employment', 'employees'), textCol('dominant_industry', 'industry'), numCol('dominant_lq', 'LQ'),
      numCol('localised_peak_km', 'peak km'), numCol('link_ratio', 'x null'), numCol('vertical_share', 'vertical'),
      numCol('local_supply_ratio', 'local supply'), numCol('external_orientation', 'external'), textCol('regions', 'regions'),
      numCol('firm_growth', 'firm growth'), numCol('link_growth', 'link growth')], c.rows);
  })();

  // Over the years: small multiples of each unit's trajectory, and the dynamic communities.
  (function evolutionSection() {
    const s = sections.evolution;
    const e = data.evolution;
    if (!e) { s.append(missing(t('evolution'), 'firmnet evolution FILE')); return; }
    const STAGES = ['embryonic', 'growth', 'maturity', 'decline'];
    const STAGE_COLOURS = { embryonic: '#F0E442', growth: '#56B4E9', maturity: '#009E73', decline: '#E69F00' };
    const stageName = (v) => { const i = STAGES.indexOf(v); return i >= 0 ? t('stageNames').split(',')[i] : v; };
    s.append(el('p', { text: t('evolutionText', e.unitKind, fmt(e.units.length), fmt(e.unitsTotal)) }));
    const grid = el('div', { class: 'grid2', id: 'evolution-units' });
    s.append(grid);
    e.units.forEach((u, k) => {
      const rows = u.rows;  // [year, stage, firms, internal_links, expected, vertical_share, null_mean]
      const f = figure(grid, 'trajectory-' + k);
      // Stage bands: consecutive years of one stage, from half a year before to half after.
      const bands = [];
      rows.forEach((r, i) => {
        const last = bands[bands.length - 1];
        if (last && last.stage === r[1] && last.to === rows[i - 1][0]) last.to = r[0];
        else bands.push({ stage: r[1], from: r[0], to: r[0] });
      });
      const line = (name, index, colour, axis, dashed) => ({ name, type: 'line', yAxisIndex: axis, symbolSize: 4,
        data: rows.map((r) => [r[0], typeof r[index] === 'number' && isFinite(r[index]) ? r[index] : null]),
        lineStyle: { color: colour, type: dashed ? 'dashed' : 'solid', width: 2 }, itemStyle: { color: colour } });
      const stageSeries = STAGES.filter((st) => bands.some((b) => b.stage === st)).map((st) => ({
        name: stageName(st), type: 'line', data: [], itemStyle: { color: STAGE_COLOURS[st] },
        markArea: { silent: true, itemStyle: { color: STAGE_COLOURS[st], opacity: 0.18 },
          data: bands.filter((b) => b.stage === st).map((b) => [{ xAxis: b.from - 0.5 }, { xAxis: b.to + 0.5 }]) } }));
      f.chart.setOption(Object.assign({}, baseOption, {
        title: { text: u.name, left: 'center', top: 2, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis', formatter: (ps) => {
          const i = rows.findIndex((r) => r[0] === ps[0].value[0]);
          const r = rows[i];
          return `<b>${escapeHtml(u.name)} ${r[0]}</b>: ${escapeHtml(stageName(r[1]))}<br>` +
            ps.filter((p) => p.value && p.value[1] !== null).map((p) => `${escapeHtml(p.seriesName)}: ${fmt(p.value[1])}`).join('<br>') +
            `<br><span style="display:inline-block;max-width:360px;white-space:normal">${escapeHtml(u.reasons[i] || '')}</span>`;
        } },
        legend: { bottom: 0, type: 'scroll' },
        grid: { left: 60, right: 60, top: 36, bottom: 70 },
        xAxis: { type: 'value', name: t('yearAxis'), nameLocation: 'middle', nameGap: 24, minInterval: 1,
          min: rows[0][0] - 0.5, max: rows[rows.length - 1][0] + 0.5, axisLabel: { formatter: (v) => (Number.isInteger(v) ? String(v) : '') } },
        yAxis: [{ type: 'value', name: t('countAxis'), nameLocation: 'middle', nameGap: 42 },
          { type: 'value', name: t('shareAxisShort'), min: 0, max: 1, nameLocation: 'middle', nameGap: 36, splitLine: { show: false } }],
        series: [line(t('observedLinks'), 3, '#D55E00', 0), line(t('expectedLinks'), 4, '#0072B2', 0, true),
          line(t('firmsLine'), 2, '#555555', 0), line(t('verticalLine'), 5, '#CC79A7', 1)].concat(stageSeries),
      }));
      f.caption.textContent = t('trajectoryCaption', u.name, describe(src.evolution));
    });
    const d = e.dynamic;
    if (!d || !d.rows.length) return;
    // The alluvial diagram: a node per dynamic community and year, in the column of its year.
    const years = [...new Set(d.rows.map((r) => r[1]))].sort((a, b) => a - b);
    const key = (dc, year) => `D${dc} · ${year}`;
    const present = new Set(d.rows.map((r) => key(r[0], r[1])));
    const sizeOf = {};
    d.rows.forEach((r) => { sizeOf[key(r[0], r[1])] = r[2]; });
    const nodes = d.rows.map((r) => ({ name: key(r[0], r[1]), depth: years.indexOf(r[1]), value: r[2],
      itemStyle: { color: OKABE_ITO[r[0] % (OKABE_ITO.length - 1)] }, dominant: r[3] }));
    const byCommunity = {};
    d.rows.forEach((r) => { (byCommunity[r[0]] = byCommunity[r[0]] || []).push(r[1]); });
    const links = [];
    Object.entries(byCommunity).forEach(([dc, ys]) => {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; ++i)
        links.push({ source: key(dc, ys[i - 1]), target: key(dc, ys[i]), value: Math.min(sizeOf[key(dc, ys[i - 1])], sizeOf[key(dc, ys[i])]) });
    });
    const before = (year) => years[years.indexOf(year) - 1];
    for (const [year, event, dc, other] of d.events) {
      if (other < 0 || (event !== 'merge' && event !== 'split')) continue;
      // merge: dc joins `other` in this year; split: dc leaves its parent `other`.
      const from = event === 'merge' ? key(dc, before(year)) : key(other, before(year));
      const to = event === 'merge' ? key(other, year) : key(dc, year);
      if (present.has(from) && present.has(to)) links.push({ source: from, target: to, value: Math.max(1, Math.round(sizeOf[from] / 2)) });
    }
    s.append(el('h3', { text: t('alluvialTitle') }));
    const f = figure(s, 'alluvial', { cls: 'tall' });
    f.chart.setOption(Object.assign({}, baseOption, {
      title: { text: t('alluvialTitle'), left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item', formatter: (p) => (p.dataType === 'edge' ? `${escapeHtml(p.data.source)} → ${escapeHtml(p.data.target)}: ${fmt(p.data.value)}`
        : `${escapeHtml(p.name)}: ${fmt(p.value)} ${escapeHtml(t('nodes'))}${p.data.dominant ? ' · ' + escapeHtml(p.data.dominant) : ''}`) },
      graphic: years.map((y, i) => ({ type: 'text', left: `${3 + (94 * i) / Math.max(1, years.length - 1)}%`, bottom: 6,
        style: { text: String(y), fill: '#333', font: `11px ${FONTS}` } })),
      series: [{ type: 'sankey', left: 30, right: 30, top: 40, bottom: 36, nodeWidth: 10, nodeGap: 6, layoutIterations: 0,
        data: nodes, links, label: { show: false }, lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        emphasis: { focus: 'adjacency' } }],
    }));
    f.caption.textContent = t('alluvialCaption', fmt(new Set(d.rows.map((r) => r[0])).size), fmt(d.total), describe(src.evolution));
  })();

  // Anchors.
  (function anchors() {
    const s = sections.anchors;
    const a = data.anchors;
    if (!a) { s.append(missing(t('anchors'), 'firmnet anchors FILE')); return; }
    s.append(el('p', { text: t('anchorsText') + ' ' + describe(src.anchors) + '.' }));
    const columns = [numCol('rank', 'rank'), textCol('name', 'firm', { format: (v, r) => v || r.id }), textCol('group', 'community'),
      numCol('score', 'score'), textCol('reason', 'why')];
    table(s, 'anchors', columns, a.top);
    if (a.byGroup) {
      s.append(el('h3', { text: t('byGroup') }));
      table(s, 'anchors-by-group', columns, a.byGroup);
    }
  })();

  // Systemic risk: the ESRI distribution, the riskiest firms, and per park its riskiest firm.
  (function riskSection() {
    const s = sections.risk;
    const r = data.risk;
    if (!r) { s.append(missing(t('risk'), 'firmnet risk FILE')); return; }
    s.append(el('p', { text: t('riskText', describe(src.risk), fmt(r.computed), r.linear ? t('riskRange') : '') }));
    const labels = r.bins.map((_, i) => {
      const low = i / r.perDecade - r.decades;
      return Number.isInteger(low) ? `1e${low}` : '';
    });
    const f = figure(s, 'risk-histogram');
    f.chart.setOption(Object.assign({}, baseOption, {
      title: { text: t('riskHistTitle'), left: 'center', top: 2, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', formatter: (ps) => {
        const i = ps[0].dataIndex, low = i / r.perDecade - r.decades;
        return `ESRI ${Math.pow(10, low).toExponential(1)} – ${Math.pow(10, low + 1 / r.perDecade).toExponential(1)}: ${fmt(ps[0].value)} ${escapeHtml(t('firms'))}`;
      } },
      legend: { bottom: 0, data: [t('firms')] },
      grid: { left: 70, right: 24, top: 40, bottom: 70 },
      xAxis: { type: 'category', data: labels, name: t('esriAxis'), nameLocation: 'middle', nameGap: 30, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: t('firmsAxis'), nameLocation: 'middle', nameGap: 50 },
      series: [{ name: t('firms'), type: 'bar', data: r.bins, barCategoryGap: '5%', itemStyle: { color: '#D55E00' } }],
    }));
    f.caption.textContent = t('riskHistCaption', describe(src.risk)) + ' ' + t('esriZero', fmt(r.zero));
    s.append(el('h3', { text: t('riskiestTitle') }));
    const columns = [numCol('rank', 'rank'), textCol('name', 'firm', { format: (v, row) => v || row.id }), numCol('esri', 'ESRI', 4)];
    if (r.linear) columns.push(numCol('esri_linear', 'ESRI linear', 4));
    columns.push(numCol('output_share', 'output share', 4), numCol('output_rank', 'output rank'), numCol('suppliers', 'in-degree'),
      numCol('customers', 'out-degree'), textCol('park', 'park'), textCol('community', 'community'));
    table(s, 'riskiest', columns, r.riskiest);
    if (r.parks.length) {
      s.append(el('h3', { text: t('riskParksTitle') }));
      const parkColumns = [textCol('park', 'park'), numCol('firms', 'firms'), numCol('output_share', 'output share', 4),
        numCol('esri_max', 'max ESRI', 4), textCol('riskiest', 'riskiest firm')];
      const linear = r.parks.some((p) => 'anchors_loss_linear' in p);
      if (r.exposure) {
        parkColumns.push(textCol('anchors', 'anchors'), numCol('anchors_output_share', "anchors' share", 4),
          numCol('anchors_loss', 'lost if anchors fail', 4));
        if (linear) parkColumns.push(numCol('anchors_loss_linear', 'linear', 4));
        parkColumns.push(textCol('worst_region', 'worst outside region'), numCol('worst_region_loss', 'lost in its lockdown', 4));
        if (linear) parkColumns.push(numCol('worst_region_loss_linear', 'linear', 4));
      }
      table(s, 'risk-parks', parkColumns, r.parks);
      s.append(el('p', { class: 'note', text: r.exposure ? t('exposureNote', describe(src.exposure), linear ? t('exposureLinear') : '')
        : t('riskParksNote') }));
    }
  })();

  // Stage-to-stage flows of the whole network.
  (function flows() {
    const s = sections.flows;
    if (!data.stages.length) { s.append(el('p', { class: 'note', text: t('noStage') })); return; }
    const entries = [];
    data.stageMatrix.forEach((row, i) => row.forEach((n, j) => { if (n) entries.push([i, j, n]); }));
    const f = figure(s, 'stages', { cls: 'tall' });
    f.div.style.height = Math.max(460, 160 + 18 * data.stages.length) + 'px';
    f.chart.resize();
    f.chart.setOption(stageMatrixOption(t('flows'), entries));
    f.caption.textContent = t('stageAllCaption');
  })();

  // Concentration.
  (function concentration() {
    const s = sections.concentration;
    const c = data.concentration;
    if (!c) { s.append(missing(t('concentration'), 'firmnet concentration FILE')); return; }
    s.append(el('p', { text: t('concentrationText', c.min_firms, c.by) }));
    table(s, 'concentration', [textCol('industry', 'industry'), numCol('firms', 'firms'), numCol('employment', c.measure),
      numCol('units', c.by + 's'), numCol('G', 'G'), numCol('H', 'H'), numCol('gamma', 'gamma'), numCol('gini', 'gini'),
      textCol('note', 'note', { format: (v) => v || '' })], c.industries);
    if (!c.distance || !c.distance.length) return;
    s.append(el('h3', { text: `${t('kdensity')} (Duranton-Overman)` }));
    table(s, 'distance', [textCol('industry', 'industry'), numCol('firms', 'firms'), numCol('firms_used', 'used'),
      numCol('bandwidth_km', 'h km'), numCol('localisation', 'Gamma'), numCol('dispersion', 'Psi'),
      textCol('localised_km', 'K localised at km'), textCol('dispersed_km', 'K dispersed at km'), textCol('m_localised_km', 'M localised at km')], c.distance);
    const chooser = el('select', { id: 'industry-select', 'aria-label': t('industry') }, ...c.distance.map((r) => el('option', { value: r.industry, text: r.industry })));
    const f = figure(s, 'kdensity', { tools: el('label', {}, t('industry') + ' ', chooser) });
    function draw(industry) {
      const rows = c.kDensity.filter((r) => r.industry === industry);
      const xy = (key) => rows.map((r) => [r.distance_km, r[key]]);
      f.chart.setOption(Object.assign({}, baseOption, {
        title: { text: `${industry}: ${t('kdensity')}`, left: 'center', top: 2, textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v, 4) },
        legend: { bottom: 0, data: [t('kCurve'), t('globalBand'), t('localBand')] },
        grid: { left: 80, right: 30, top: 40, bottom: 64 },
        xAxis: { type: 'value', name: t('distanceKm'), nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', name: `${t('kdensity')} (1/km)`, nameLocation: 'middle', nameGap: 56 },
        series: [
          // The global band as one polygon: along the upper bound, back along the lower.
          { name: t('globalBand'), type: 'custom', data: [[0, 0]], itemStyle: { color: '#56B4E9' }, tooltip: { show: false }, z: 1,
            encode: { x: 0, y: 1 },
            renderItem: (params, api) => {
              const ok = rows.filter((r) => isFinite(r.global_lower) && isFinite(r.global_upper) && r.global_lower !== null && r.global_upper !== null);
              const points = ok.map((r) => api.coord([r.distance_km, r.global_upper]))
                .concat(ok.slice().reverse().map((r) => api.coord([r.distance_km, r.global_lower])));
              return { type: 'polygon', shape: { points }, style: { fill: '#56B4E9', opacity: 0.35 } };
            } },
          { name: t('localBand'), type: 'line', data: xy('local_upper'), symbol: 'none', lineStyle: { type: 'dashed', color: '#555555' }, itemStyle: { color: '#555555' } },
          { name: t('localBand') + ' ', type: 'line', data: xy('local_lower'), symbol: 'none', lineStyle: { type: 'dashed', color: '#555555' }, itemStyle: { color: '#555555' } },
          { name: t('kCurve'), type: 'line', data: xy('k'), symbol: 'none', lineStyle: { width: 2, color: '#D55E00' }, itemStyle: { color: '#D55E00' } },
        ],
      }), true);
      f.caption.textContent = t('kCaption', industry, c.simulations || '', describe(src.concentration));
    }
    chooser.addEventListener('change', () => draw(chooser.value));
    draw(c.distance[0].industry);
  })();

  // Methods and parameters.
  (function methods() {
    const s = sections.methods;
    s.append(el('p', { text: t('methodsText') }));
    for (const r of data.results) {
      s.append(el('h3', { text: t('result', r.name, r.method, r.seed, r.threads, r.created) }));
      const rows = Object.entries(r.parameters).map(([k, v]) => ({ k, v }));
      s.append(el('table', { class: 'parameters' }, el('thead', {}, el('tr', {}, el('th', { text: t('parameter') }), el('th', { text: t('value') }))),
        el('tbody', {}, ...rows.map((p) => el('tr', {}, el('td', { text: p.k }), el('td', { text: String(p.v) }))))));
    }
  })();

  if (areas.length) selectPark(0);
  window.firmnetReport = { data, charts, selectPark, exportSvg, projection: { cosLat, meanLat }, state };
})();
