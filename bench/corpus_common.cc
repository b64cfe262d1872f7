// Random numbers, JSON text, classification trees and the departments of the corpus.
#include <algorithm>
#include <map>

#include "corpus.h"

namespace corpus {

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) {
  auto span = static_cast<std::uint64_t>(high - low) + 1;
  return low + static_cast<std::int64_t>(next() % span);
}

std::uint64_t derive_seed(std::uint64_t seed, std::initializer_list<std::uint64_t> parts) {
  Random random(seed);
  std::uint64_t out = random.next();
  for (std::uint64_t part : parts) out = Random(out ^ (part * 0x9E3779B97F4A7C15ull + 1)).next();
  return out;
}

std::vector<Cents> split(Cents total, std::size_t parts, Random& random) {
  std::vector<std::int64_t> weights(parts);
  std::int64_t weight_sum = 0;
  for (auto& w : weights) weight_sum += (w = random.between(1, 100));
  std::vector<Cents> out(parts);
  Cents given = 0;
  for (std::size_t i = 0; i + 1 < parts; ++i) given += (out[i] = total * weights[i] / weight_sum);
  if (parts > 0) out.back() = total - given;
  return out;
}

Cents percent_of(Cents value, std::int64_t percent) { return value * percent / 100; }

// ---------------------------------------------------------------------------------------------
// JSON and text

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string object(const Members& members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ", ";
    out += quote(name) + ": " + value;
  }
  return out + "}";
}

std::string array(const std::vector<std::string>& items, bool one_per_line) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += one_per_line ? ",\n  " : ", ";
    else if (one_per_line) out += "\n  ";
    out += items[i];
  }
  return out + (one_per_line && !items.empty() ? "\n]" : "]");
}

std::string quoted_array(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(quote(item));
  return array(quoted);
}

namespace {

std::string two_decimals(Cents value, bool grouping) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - 2);
  if (grouping) {
    for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(at, ",");
  }
  return (value < 0 ? "-" : "") + whole + "." + digits.substr(digits.size() - 2);
}

}  // namespace

std::string figure(Cents value) { return two_decimals(value, false); }
std::string grouped(Cents value) { return two_decimals(value, true); }
std::string money(Cents value, Unit unit) { return grouped(value) + " " + unit.label; }

std::string chinese_numeral(int n) {
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  std::string tens = n / 10 == 1 ? "" : kDigits[n / 10];
  return tens + "十" + kDigits[n % 10];
}

// ---------------------------------------------------------------------------------------------
// Trees

Amounts CodeNode::sum() const {
  if (children.empty()) return own;
  return tree_sum(children);
}

void scale_tree(std::vector<CodeNode>& tree, Cents factor) {
  for (CodeNode& node : tree) {
    for (Cents& amount : node.own) amount *= factor;
    scale_tree(node.children, factor);
  }
}

CodeNode other_item(const CodeNode& kuan) {
  // The classification names most of them 其他 + the 款 + 支出; a few differ.
  static const std::map<std::string, std::string> kExceptions = {{"20138", "其他市场监督管理事务"}};
  auto exception = kExceptions.find(kuan.code);
  std::string name = exception != kExceptions.end() ? exception->second : "其他" + kuan.name;
  if (exception == kExceptions.end() && !kuan.name.ends_with("支出")) name += "支出";
  return CodeNode{kuan.code + "99", name, false, {}, {}};
}

Amounts tree_sum(const std::vector<CodeNode>& tree) {
  Amounts out{};
  for (const CodeNode& node : tree) {
    Amounts part = node.sum();
    for (std::size_t f = 0; f < kFieldCount; ++f) out[f] += part[f];
  }
  return out;
}

namespace {

struct RowKeys {
  std::string_view code;
  std::string_view name;
};

void add_rows(const CodeNode& node, const std::vector<AmountColumn>& columns,
              bool (*keep)(const Amounts&), RowKeys keys, std::vector<std::string>& rows) {
  Amounts sums = node.sum();
  if (!keep(sums)) return;
  Members cells = {{std::string(keys.code), quote(node.code)},
                   {std::string(keys.name), quote(node.name)}};
  for (const AmountColumn& c : columns) cells.emplace_back(c.key, figure(c.value(sums)));
  rows.push_back(object({{"cells", object(cells)}}));
  for (const CodeNode& child : node.children) add_rows(child, columns, keep, keys, rows);
}

}  // namespace

std::vector<std::string> coded_rows(const std::vector<CodeNode>& tree,
                                    const std::vector<AmountColumn>& columns,
                                    bool (*keep)(const Amounts&), std::string_view code_key,
                                    std::string_view name_key) {
  std::vector<std::string> rows;
  for (const CodeNode& node : tree) add_rows(node, columns, keep, {code_key, name_key}, rows);
  return rows;
}

std::string row_with(const Members& extra, const Members& cells) {
  Members members = extra;
  members.emplace_back("cells", object(cells));
  return object(members);
}

Cents rounded_ratio(Cents value, Cents numerator, Cents denominator) {
  // Figures stay below 10^13 and numerators below 10^5, far from the 64-bit limit.
  return (value * numerator * 2 + denominator) / (2 * denominator);
}

std::string column(std::string_view key, std::string_view label, std::string_view type,
                   const std::vector<std::string>& sum_of, std::string_view serial) {
  Members members = {{"key", quote(key)}, {"label", quote(label)}};
  if (!type.empty()) members.emplace_back("type", quote(type));
  if (!sum_of.empty()) members.emplace_back("sum_of", quoted_array(sum_of));
  if (!serial.empty()) members.emplace_back("serial", quote(serial));
  return object(members);
}

std::string column_group(std::string_view label, const std::vector<std::string>& columns) {
  return object({{"label", quote(label)}, {"columns", array(columns)}});
}

std::string check(std::string_view id, std::string_view assertion) {
  return object({{"id", quote(id)}, {"assert", quote(assertion)}});
}

std::string markdown(const std::string& summary, const std::string& published,
                     const std::string& body) {
  return "+++\nsummary = " + quote(summary) + "\npublished = " + quote(published) + "\n+++\n\n" +
         body;
}

// ---------------------------------------------------------------------------------------------
// The catalogue: agencies with the function codes they spend on (政府收支分类科目).

struct Leaf {
  const char* code;
  const char* name;
  bool basic;
};

struct Group {
  const char* code;
  const char* name;
  std::vector<Leaf> leaves;
};

struct Agency {
  const char* name;
  const char* slug;
  /// Slug suffix of the supervising agency in the same city, or "".
  const char* parent;
  const char* duty;
  std::vector<Group> groups;
  std::vector<const char*> topics;
};

namespace {

const std::map<std::string, std::string>& class_names() {
  static const std::map<std::string, std::string> names = {
      {"201", "一般公共服务支出"}, {"204", "公共安全支出"},   {"205", "教育支出"},
      {"206", "科学技术支出"},     {"207", "文化旅游体育与传媒支出"},
      {"208", "社会保障和就业支出"}, {"210", "卫生健康支出"}, {"211", "节能环保支出"},
      {"212", "城乡社区支出"},     {"213", "农林水支出"},     {"214", "交通运输支出"},
      {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"},
      {"224", "灾害防治及应急管理支出"}};
  return names;
}

const std::vector<Agency>& agencies() {
  static const std::vector<Agency> list = {
      {"市场监督管理局", "market-regulation", "", "负责市场综合监督管理，统一登记市场主体，组织市场监管综合执法",
       {{"20138", "市场监督管理事务", {{"2013801", "行政运行", true}, {"2013804", "市场主体管理", false}, {"2013805", "市场秩序执法", false}, {"2013808", "信息化建设", false}}}},
       {"市场主体登记", "食品安全抽检", "知识产权保护"}},
      {"公共信用中心", "public-credit-center", "market-regulation", "负责公共信用信息的归集、披露和应用，建设和运维公共信用信息系统",
       {{"20138", "市场监督管理事务", {{"2013850", "事业运行", true}, {"2013804", "市场主体管理", false}, {"2013808", "信息化建设", false}}}},
       {"公共信用信息管理", "企业档案数字化", "信用监测"}},
      {"政务服务数据管理局", "data-administration", "", "统筹政务服务、电子政务和政务数据管理，推进数字政府建设",
       {{"20103", "政府办公厅（室）及相关机构事务", {{"2010301", "行政运行", true}, {"2010302", "一般行政管理事务", false}, {"2010308", "信访事务", false}}}},
       {"政务云", "电子政务外网", "政务服务热线"}},
      {"大数据资源管理中心", "big-data-center", "data-administration", "承担政务数据归集、治理、共享和开放的技术支撑工作",
       {{"20103", "政府办公厅（室）及相关机构事务", {{"2010350", "事业运行", true}, {"2010302", "一般行政管理事务", false}}}},
       {"政务数据共享平台", "数据治理", "基础信息资源库"}},
      {"发展和改革委员会", "development-reform", "", "拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划",
       {{"20104", "发展与改革事务", {{"2010401", "行政运行", true}, {"2010402", "一般行政管理事务", false}, {"2010404", "战略规划与实施", false}}}},
       {"重大项目前期研究", "价格监测", "规划编制"}},
      {"信息中心", "information-center", "development-reform", "承担经济信息的收集、分析和发布及信息系统运维",
       {{"20104", "发展与改革事务", {{"2010450", "事业运行", true}, {"2010402", "一般行政管理事务", false}}}},
       {"经济运行监测", "信息系统运维", "数据分析"}},
      {"统计局", "statistics", "", "组织实施统计调查，监测和发布国民经济和社会发展统计数据",
       {{"20105", "统计信息事务", {{"2010501", "行政运行", true}, {"2010507", "专项普查活动", false}, {"2010508", "统计抽样调查", false}}}},
       {"经济普查", "人口抽样调查", "统计执法检查"}},
      {"财政局", "finance", "", "拟订财政政策，编制年度预决算草案，管理财政收支",
       {{"20106", "财政事务", {{"2010601", "行政运行", true}, {"2010602", "一般行政管理事务", false}, {"2010607", "信息化建设", false}}}},
       {"预算管理一体化", "财政绩效评价", "政府采购监管"}},
      {"审计局", "audit", "", "主管审计工作，对财政收支和国有资产进行审计监督",
       {{"20108", "审计事务", {{"2010801", "行政运行", true}, {"2010804", "审计业务", false}}}},
       {"政府投资审计", "经济责任审计", "审计信息化"}},
      {"商务局", "commerce", "", "拟订商贸流通和对外经济合作政策，促进消费和招商引资",
       {{"20113", "商贸事务", {{"2011301", "行政运行", true}, {"2011308", "招商引资", false}}}},
       {"促进消费活动", "外贸企业服务", "招商推介"}},
      {"公安局", "public-security", "", "维护社会治安秩序，预防、制止和侦查违法犯罪活动",
       {{"20402", "公安", {{"2040201", "行政运行", true}, {"2040202", "一般行政管理事务", false}, {"2040219", "信息化建设", false}, {"2040220", "执法办案", false}}}},
       {"智慧警务", "交通秩序管理", "治安防控"}},
      {"司法局", "justice", "", "承担全面依法治市的统筹协调，管理公共法律服务和社区矫正",
       {{"20406", "司法", {{"2040601", "行政运行", true}, {"2040604", "基层司法业务", false}, {"2040610", "社区矫正", false}}}},
       {"公共法律服务", "人民调解", "普法宣传"}},
      {"教育局", "education", "", "统筹管理各级各类教育，推进教育改革和学校建设",
       {{"20501", "教育管理事务", {{"2050101", "行政运行", true}, {"2050102", "一般行政管理事务", false}}},
        {"20502", "普通教育", {{"2050202", "小学教育", false}, {"2050203", "初中教育", false}}}},
       {"学位建设", "教师培训", "校园安全"}},
      {"科技创新局", "science-technology", "", "拟订科技创新规划和政策，组织重大科技攻关",
       {{"20601", "科学技术管理事务", {{"2060101", "行政运行", true}, {"2060102", "一般行政管理事务", false}}},
        {"20604", "技术研究与开发", {{"2060404", "科技成果转化与扩散", false}}}},
       {"科技计划项目", "创新平台建设", "科技成果转化"}},
      {"文化广电旅游体育局", "culture-tourism-sports", "", "管理文化、广播电视、旅游和体育事业",
       {{"20701", "文化和旅游", {{"2070101", "行政运行", true}, {"2070104", "图书馆", false}, {"2070109", "群众文化", false}}},
        {"20703", "体育", {{"2070307", "体育场馆", false}}}},
       {"公共文化服务", "全民健身", "文旅推广"}},
      {"人力资源和社会保障局", "human-resources", "", "统筹就业和社会保障，管理人才和工资福利政策",
       {{"20801", "人力资源和社会保障管理事务", {{"2080101", "行政运行", true}, {"2080109", "社会保险经办机构", false}}}},
       {"就业创业服务", "职业技能培训", "劳动监察"}},
      {"卫生健康委员会", "health", "", "拟订卫生健康政策，统筹医疗卫生资源和公共卫生服务",
       {{"21004", "公共卫生", {{"2100408", "基本公共卫生服务", false}, {"2100409", "重大公共卫生服务", false}}}},
       {"基本公共卫生服务", "医疗机构监管", "健康教育"}},
      {"疾病预防控制中心", "disease-control", "health", "承担传染病和慢性病防控、卫生检测与健康危害因素监测",
       {{"21004", "公共卫生", {{"2100401", "疾病预防控制机构", true}, {"2100409", "重大公共卫生服务", false}}}},
       {"传染病监测", "免疫规划", "实验室检测"}},
      {"生态环境局", "ecology-environment", "", "负责生态环境监督管理和污染防治",
       {{"21101", "环境保护管理事务", {{"2110101", "行政运行", true}, {"2110104", "生态环境保护宣传", false}}},
        {"21103", "污染防治", {{"2110301", "大气", false}, {"2110302", "水体", false}}}},
       {"大气污染防治", "水环境监测", "环保宣传"}},
      {"城市管理和综合执法局", "urban-management", "", "负责市容环境卫生、城市照明和城管综合执法",
       {{"21201", "城乡社区管理事务", {{"2120101", "行政运行", true}, {"2120104", "城管执法", false}}},
        {"21203", "城乡社区公共设施", {{"2120399", "其他城乡社区公共设施支出", false}}}},
       {"市容环境整治", "城市照明维护", "公园管理"}},
      {"水务局", "water", "", "负责水资源管理、防洪排涝和水利工程建设运行",
       {{"21303", "水利", {{"2130301", "行政运行", true}, {"2130306", "水利工程运行与维护", false}, {"2130311", "水资源节约管理与保护", false}}}},
       {"防洪排涝", "河湖治理", "供水保障"}},
      {"交通运输局", "transport", "", "负责综合交通运输规划、建设和行业管理",
       {{"21401", "公路水路运输", {{"2140101", "行政运行", true}, {"2140104", "公路建设", false}, {"2140106", "公路养护", false}}}},
       {"道路养护", "公共交通补贴", "交通规划研究"}},
      {"规划和自然资源局", "planning-natural-resources", "", "负责国土空间规划和自然资源管理",
       {{"22001", "自然资源事务", {{"2200101", "行政运行", true}, {"2200106", "自然资源利用与保护", false}, {"2200109", "自然资源调查与确权登记", false}}}},
       {"国土空间规划", "不动产登记", "测绘地理信息"}},
      {"应急管理局", "emergency-management", "", "负责应急管理、安全生产监管和防灾减灾救灾",
       {{"22401", "应急管理事务", {{"2240101", "行政运行", true}, {"2240106", "安全监管", false}, {"2240108", "应急救援", false}}}},
       {"安全生产检查", "应急演练", "应急物资储备"}},
      {"应急指挥中心", "emergency-command-center", "emergency-management", "承担应急值守、信息汇总和指挥调度的技术保障",
       {{"22401", "应急管理事务", {{"2240150", "事业运行", true}, {"2240106", "安全监管", false}}}},
       {"应急指挥平台运维", "值班值守", "预警信息发布"}},
  };
  return list;
}

struct Jurisdiction {
  const char* name;
  const char* slug;
};

const std::vector<Jurisdiction>& jurisdictions() {
  static const std::vector<Jurisdiction> list = {
      {"深圳市", "shenzhen"}, {"广州市", "guangzhou"}, {"珠海市", "zhuhai"}, {"汕头市", "shantou"},
      {"佛山市", "foshan"}, {"韶关市", "shaoguan"}, {"湛江市", "zhanjiang"}, {"肇庆市", "zhaoqing"},
      {"江门市", "jiangmen"}, {"茂名市", "maoming"}, {"惠州市", "huizhou"}, {"梅州市", "meizhou"},
      {"汕尾市", "shanwei"}, {"河源市", "heyuan"}, {"阳江市", "yangjiang"}, {"清远市", "qingyuan"},
      {"东莞市", "dongguan"}, {"中山市", "zhongshan"}, {"潮州市", "chaozhou"}, {"揭阳市", "jieyang"},
      {"云浮市", "yunfu"}, {"杭州市", "hangzhou"}, {"宁波市", "ningbo"}, {"南京市", "nanjing"},
      {"苏州市", "suzhou"}, {"成都市", "chengdu"}, {"武汉市", "wuhan"}, {"长沙市", "changsha"},
      {"厦门市", "xiamen"}, {"福州市", "fuzhou"}, {"青岛市", "qingdao"}, {"济南市", "jinan"},
      {"西安市", "xian"}, {"郑州市", "zhengzhou"}, {"合肥市", "hefei"}, {"南昌市", "nanchang"},
      {"昆明市", "kunming"}, {"贵阳市", "guiyang"}, {"南宁市", "nanning"}, {"海口市", "haikou"},
      {"石家庄市", "shijiazhuang"}, {"太原市", "taiyuan"}, {"沈阳市", "shenyang"}, {"大连市", "dalian"},
      {"长春市", "changchun"}, {"哈尔滨市", "harbin"}, {"兰州市", "lanzhou"}, {"西宁市", "xining"},
      {"银川市", "yinchuan"}, {"呼和浩特市", "hohhot"}, {"乌鲁木齐市", "urumqi"}, {"拉萨市", "lhasa"},
      {"无锡市", "wuxi"}, {"温州市", "wenzhou"}, {"泉州市", "quanzhou"}, {"烟台市", "yantai"},
      {"洛阳市", "luoyang"}, {"襄阳市", "xiangyang"}, {"常州市", "changzhou"}, {"徐州市", "xuzhou"},
      {"绍兴市", "shaoxing"}, {"嘉兴市", "jiaxing"}, {"台州市", "taizhou"}, {"金华市", "jinhua"},
      {"潍坊市", "weifang"}, {"临沂市", "linyi"}, {"南通市", "nantong"}, {"扬州市", "yangzhou"},
      {"芜湖市", "wuhu"}, {"赣州市", "ganzhou"}, {"柳州市", "liuzhou"}, {"桂林市", "guilin"},
      {"三亚市", "sanya"}, {"遵义市", "zunyi"}, {"绵阳市", "mianyang"}, {"宜昌市", "yichang"},
      {"岳阳市", "yueyang"}, {"株洲市", "zhuzhou"}, {"唐山市", "tangshan"}, {"保定市", "baoding"},
      {"大同市", "datong"}, {"鞍山市", "anshan"}, {"吉林市", "jilin"}, {"齐齐哈尔市", "qiqihar"},
      {"包头市", "baotou"}, {"天水市", "tianshui"}, {"宝鸡市", "baoji"}, {"九江市", "jiujiang"},
      {"湖州市", "huzhou"}, {"镇江市", "zhenjiang"}};
  return list;
}

/// Common function classes every department pays: pensions, health insurance, housing.
std::vector<Group> common_groups(Random& random, bool institution) {
  std::vector<Leaf> pension = {{"2080505", "机关事业单位基本养老保险缴费支出", true},
                               {"2080506", "机关事业单位职业年金缴费支出", true}};
  if (random.chance(60)) {
    pension.insert(pension.begin(), institution ? Leaf{"2080502", "事业单位离退休", true}
                                                : Leaf{"2080501", "行政单位离退休", true});
  }
  std::vector<Leaf> medical = {institution ? Leaf{"2101102", "事业单位医疗", true}
                                           : Leaf{"2101101", "行政单位医疗", true}};
  if (!institution && random.chance(50)) medical.push_back({"2101103", "公务员医疗补助", true});
  std::vector<Leaf> housing = {{"2210201", "住房公积金", true}, {"2210203", "购房补贴", true}};
  if (random.chance(40)) housing.insert(housing.begin() + 1, {"2210202", "提租补贴", true});
  return {{"20805", "行政事业单位养老支出", pension},
          {"21011", "行政事业单位医疗", medical},
          {"22102", "住房改革支出", housing}};
}

/// Groups merged into 类 → 款 → 项 nodes, sorted by code.
std::vector<CodeNode> function_tree(const std::vector<Group>& groups) {
  std::map<std::string, std::map<std::string, CodeNode>> by_class;
  for (const Group& g : groups) {
    CodeNode& kuan = by_class[std::string(g.code, 3)][g.code];
    kuan.code = g.code;
    kuan.name = g.name;
    for (const Leaf& leaf : g.leaves) kuan.children.push_back({leaf.code, leaf.name, leaf.basic, {}, {}});
  }
  std::vector<CodeNode> tree;
  for (auto& [code, kuans] : by_class) {
    CodeNode lei{code, class_names().at(code), false, {}, {}};
    for (auto& [_, kuan] : kuans) lei.children.push_back(std::move(kuan));
    tree.push_back(std::move(lei));
  }
  return tree;
}

std::vector<std::string> project_names(const Agency& agency, Random& random) {
  static const std::vector<std::string> kSuffixes = {
      "专项工作经费", "信息系统运维", "宣传培训", "第三方服务采购", "设备购置", "课题研究",
      "能力提升", "场地租赁及物业管理", "数据治理服务", "绩效评估服务"};
  std::vector<std::string> names;
  for (std::size_t i = 0; i < 12; ++i) {
    std::string topic = agency.topics[i % agency.topics.size()];
    names.push_back(topic + kSuffixes[(i + static_cast<std::size_t>(random.between(0, 9))) % kSuffixes.size()]);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  while (names.size() < 12) names.push_back(names[names.size() % 3] + "（二期）");
  return names;
}

/// Function items a revision of the classification renamed (same code): the name each had
/// before it; the catalogue above holds the name after.
const std::map<std::string, std::string>& former_names() {
  static const std::map<std::string, std::string> names = {
      {"2040220", "执法办案专项"},       {"2100409", "重大公共卫生专项"},
      {"2110104", "环境保护宣传"},       {"2130311", "水资源管理与保护"},
      {"2140104", "公路新建"},           {"2200106", "土地资源利用与保护"}};
  return names;
}

/// The revision of the classification: nationwide, so every department holding a renamed
/// item prints its new name from the same year, the middle one of the corpus (none in a
/// corpus of one year).
void rename_items(Department& d, int first_year, int years) {
  if (years < 2) return;
  for (CodeNode& lei : d.functions) {
    for (CodeNode& kuan : lei.children) {
      for (CodeNode& leaf : kuan.children) {
        auto former = former_names().find(leaf.code);
        if (former == former_names().end()) continue;
        d.revisions.push_back({first_year + years / 2, leaf.code, leaf.code, leaf.name});
        leaf.name = former->second;
      }
    }
  }
}

/// One department in five moves a project item to its 款's catch-all item (XXXXX99) from a
/// year of its own: the old code vanishes from its tables and another appears.
void replace_item(Department& d, int first_year, int years, Random& random) {
  if (years < 2 || !random.chance(20)) return;
  std::vector<std::pair<const CodeNode*, const CodeNode*>> candidates;  // item, its 款
  for (const CodeNode& lei : d.functions) {
    for (const CodeNode& kuan : lei.children) {
      std::string other = other_item(kuan).code;
      bool has_other = std::any_of(kuan.children.begin(), kuan.children.end(),
                                   [&](const CodeNode& leaf) { return leaf.code == other; });
      for (const CodeNode& leaf : kuan.children) {
        if (!has_other && !leaf.basic && !former_names().contains(leaf.code)) {
          candidates.emplace_back(&leaf, &kuan);
        }
      }
    }
  }
  if (candidates.empty()) return;
  auto [leaf, kuan] = candidates[static_cast<std::size_t>(
      random.between(0, static_cast<std::int64_t>(candidates.size()) - 1))];
  CodeNode other = other_item(*kuan);
  int year = static_cast<int>(random.between(first_year + 1, first_year + years - 1));
  d.revisions.push_back({year, leaf->code, other.code, other.name});
}

/// What varies between departments beyond their figures, from a stream of its own (so that the
/// figures stay what they were): the unit they publish in and how their codes change.
void add_variations(Department& d, std::uint64_t seed, int first_year, int years) {
  Random random(derive_seed(seed, {8, static_cast<std::uint64_t>(d.index)}));
  std::int64_t unit = random.between(0, 99);
  if (unit < 10) {
    d.budget_unit = d.final_unit = kYuan;
  } else if (unit < 15) {
    d.final_unit = kYuan;
  }
  rename_items(d, first_year, years);
  replace_item(d, first_year, years, random);
  std::stable_sort(d.revisions.begin(), d.revisions.end(),
                   [](const Revision& a, const Revision& b) { return a.year < b.year; });
}

/// 事业单位 (centres) pay 事业单位 pensions and medical insurance; 行政单位 (bureaus) 行政单位 ones.
bool is_institution(const Agency& agency) {
  return std::string_view(agency.name).find("中心") != std::string_view::npos;
}

Department make_department(int index, std::uint64_t seed, int first_year, int years) {
  const auto& list = agencies();
  const auto& places = jurisdictions();
  std::size_t agency_at = static_cast<std::size_t>(index) % list.size();
  std::size_t round = static_cast<std::size_t>(index) / list.size();
  const Agency& agency = list[agency_at];
  const Jurisdiction& place = places[round % places.size()];
  std::string batch = round < places.size() ? "" : std::to_string(round / places.size() + 1);
  Random random(derive_seed(seed, {1, static_cast<std::uint64_t>(index)}));
  Department d;
  d.index = index;
  d.agency = &agency;
  d.slug = place.slug + (batch.empty() ? "" : "-" + batch) + "-" + agency.slug;
  d.name = place.name + std::string(agency.name) + (batch.empty() ? "" : "（" + batch + "）");
  std::string city = place.name;
  d.short_name = city.substr(0, city.size() - 3) + agency.name;  // 深圳市 → 深圳
  if (*agency.parent) {
    d.parent_slug = place.slug + (batch.empty() ? "" : "-" + batch) + "-" + agency.parent;
  }
  d.description = d.name + "，" + agency.duty + "。";
  d.duties = std::string(agency.duty) + "；组织实施本部门预算和绩效管理；完成上级交办的其他任务。\n";
  std::vector<Group> groups = agency.groups;
  for (Group& g : common_groups(random, is_institution(agency))) groups.push_back(std::move(g));
  d.functions = function_tree(groups);
  d.topics.assign(agency.topics.begin(), agency.topics.end());
  d.projects = project_names(agency, random);
  d.vehicles = static_cast<int>(random.between(1, 9));
  d.scale = random.between(40, 400);
  add_variations(d, seed, first_year, years);
  return d;
}

}  // namespace

std::vector<Department> make_departments(int count, std::uint64_t seed, int first_year, int years) {
  std::vector<Department> out;
  for (int i = 0; i < count; ++i) out.push_back(make_department(i, seed, first_year, years));
  std::map<std::string, const Department*> by_slug;
  for (const Department& d : out) by_slug[d.slug] = &d;
  for (Department& d : out) {
    auto parent = by_slug.find(d.parent_slug);
    if (parent == by_slug.end()) d.parent_slug.clear();
    d.supervisor = d.parent_slug.empty() ? d.name : parent->second->name;
  }
  return out;
}

std::string department_toml(const Department& d) {
  std::string out = "name = " + quote(d.name) + "\nshort_name = " + quote(d.short_name) + "\n";
  if (!d.parent_slug.empty()) out += "parent = " + quote(d.parent_slug) + "\n";
  out += "description = " + quote(d.description) + "\n";
  out += "duties = \"\"\"\n" + d.duties + "\"\"\"\n";
  out += "order = " + std::to_string(d.index) + "\n";
  return out;
}

}  // namespace corpus
