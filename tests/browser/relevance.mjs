// The search relevance set (docs/search.md, "Relevance"): queries over the example site and over
// a bench corpus (bench/gen-corpus --departments 40 --years 3 --seed 1), each with the links
// that must appear among its first three results — a result's own link or one of the parts it
// lists (a section, a table, a row). Names, codes, figures with and without commas, phrases, and
// one mistyped character. run.mjs runs the set that fits the site it tests.

const CREDIT = 'shenzhen-public-credit-center/';
const BUDGET = CREDIT + '2023/budget/index.html';
const EVAL = CREDIT + '2021/evaluation/index.html';
const DATA = 'shenzhen-data-administration/';
const FINAL = DATA + '2022/final-accounts/index.html';

export const EXAMPLE = {
  marker: BUDGET,
  queries: [
    { q: '深圳市公共信用中心', top3: [CREDIT + 'index.html'] },
    { q: '信用中心', top3: [CREDIT + 'index.html'] },
    { q: '政务服务数据管理局', top3: [DATA + 'index.html'] },
    { q: '市场监督管理局', top3: ['shenzhen-market-regulation/index.html'] },
    { q: '2023年深圳市公共信用中心部门预算', top3: [BUDGET] },
    { q: '部门决算', top3: [FINAL] },
    { q: '绩效评价', top3: [EVAL] },
    { q: '2013804', top3: [BUDGET + '#table-function-2013804'] },
    { q: '20138', top3: [BUDGET + '#table-expenditure-20138', BUDGET + '#table-expenditure-2013804'] },
    { q: '6296', top3: [BUDGET + '#table-summary-gov'] },
    { q: '6,296', top3: [BUDGET + '#table-summary-gov'] },
    { q: '６２９６', top3: [BUDGET] },
    { q: '120,791.59', top3: [FINAL] },
    { q: '公务用车运行维护费', top3: [FINAL, BUDGET] },
    { q: '信息化运维管理', top3: [EVAL + '#table-p03'] },
    { q: '数据中心设备维护尾款', top3: [EVAL + '#table-p01'] },
    { q: '档案政务信息服务', top3: [EVAL + '#table-p02'] },
    { q: '网络安全监测预警', top3: [FINAL + '#table-p05'] },
    { q: '深圳电子政务平台数字证书退费项目', top3: [FINAL + '#table-p01'] },
    { q: '收支总表', top3: [BUDGET + '#table-summary'] },
    { q: '支出总表', top3: [BUDGET + '#table-expenditure'] },
    { q: '部门整体支出绩效评分表', top3: [EVAL + '#table-scores'] },
    { q: '预算编制合理性', top3: [EVAL + '#table-scores-s01'] },
    { q: '政府采购预算情况', top3: [BUDGET + '#第四部分-政府采购预算情况'] },
    { q: '机关运行经费', top3: [BUDGET] },
    { q: '三公经费', top3: [BUDGET, FINAL] },
    { q: '名词解释', top3: [BUDGET, FINAL] },
    { q: '部门主要职责', top3: [FINAL + '#一-部门主要职责'] },
    { q: '基本工资', top3: [FINAL + '#table-basic-30101'] },
    { q: '深圳市公共信誉中心', top3: [CREDIT + 'index.html'] },
    { q: '公务用车运行唯护费', top3: [FINAL] },
    { q: '政务服务数据管理句', top3: [DATA + 'index.html'] },
  ],
};

export const CORPUS = {
  marker: 'shenzhen-water/2015/budget/index.html',
  queries: [
    { q: '深圳市水务局', top3: ['shenzhen-water/index.html'] },
    { q: '广州市财政局', top3: ['guangzhou-finance/index.html'] },
    { q: '深圳市审计局', top3: ['shenzhen-audit/index.html'] },
    { q: '2016年深圳市水务局部门预算', top3: ['shenzhen-water/2016/budget/index.html'] },
    { q: '2015年深圳市水务局部门决算', top3: ['shenzhen-water/2015/final-accounts/index.html'] },
    { q: '2015年深圳市水务局绩效评价', top3: ['shenzhen-water/2015/evaluation/index.html'] },
    { q: '深圳市水务局 预算与决算对比', top3: ['shenzhen-water/2015/compare/index.html'] },
    { q: '防洪排涝设备购置', top3: ['shenzhen-water/2015/evaluation/index.html#table-p08'] },
    { q: '河湖治理第三方服务采购', top3: ['shenzhen-water/2015/evaluation/index.html#table-p04'] },
    { q: '2130306', top3: ['shenzhen-water/2017/budget/index.html#table-project-2130306'] },
    { q: '水利工程运行与维护', top3: ['shenzhen-water/2017/budget/index.html'] },
    { q: '深圳市水务句', top3: ['shenzhen-water/index.html'] },
    { q: '广州市财政局部门预算', top3: ['guangzhou-finance/2017/budget/index.html'] },
    { q: '深圳市审计局 2016', top3: ['shenzhen-audit/2016/budget/index.html'] },
  ],
};
