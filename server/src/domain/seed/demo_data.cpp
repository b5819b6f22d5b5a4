#include "domain/seed/demo_data.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "domain/seed/id_number.hpp"

namespace lvzhi::seed {
namespace {

// ---------------------------------------------------------------------------------------------
// Randomness. std::uniform_int_distribution and std::shuffle differ between standard libraries;
// only std::mt19937's raw output is specified, so everything below is built on that alone.

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}

  // Uniform in [0, n), by rejection so that no value is favoured.
  std::size_t below(std::size_t n) {
    constexpr std::uint64_t kRange = std::uint64_t{std::mt19937::max()} + 1;
    if (n == 0 || n > kRange) throw std::invalid_argument("Rng::below: n out of range");
    const std::uint64_t limit = kRange - kRange % n;
    while (true) {
      const std::uint64_t x = engine_();
      if (x < limit) return static_cast<std::size_t>(x % n);
    }
  }

  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo) + 1));
  }

  bool percent(int p) { return between(1, 100) <= p; }

  template <typename Container>
  const auto& pick(const Container& items) {
    return items[below(std::size(items))];
  }

  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::mt19937 engine_;
};

// One seed per part, so that editing one table does not reshuffle the others. 20220120 is the
// day of the plenary the report was given at.
constexpr std::uint32_t kTerm9Seed = 20220120;
constexpr std::uint32_t kTerm8Seed = 20160101;
constexpr std::uint32_t kUnitSeed = 20220121;
constexpr std::uint32_t kExpertSeed = 20220122;
constexpr std::uint32_t kAccountSeed = 20220123;

// Ages are "in the year the term started": term 9 was elected in 2021 and is described in 2022,
// term 8 ran from 2016.
constexpr int kTerm9Year = 2022;
constexpr int kTerm8Year = 2016;
constexpr int kMinAge = 30;
constexpr int kMaxAge = 70;
constexpr int kSeniorMinAge = 45;
constexpr int kSeniorMaxAge = 66;
constexpr int kRetirementAge = 58;

constexpr int kTerm9Continuing = 200;  // re-appointed from term 8 ("about 200")
constexpr int kTerm8OnlyCount = 120;   // left at the term change ("about 120")

constexpr int kAffinityPercent = 65;         // joins the special committee of their sector
constexpr int kSecondCommitteePercent = 15;  // sits on a second special committee
constexpr int kSingleCharacterPercent = 18;  // given name of one character
constexpr int kOtherEthnicityPercent = 2;    // minority member outside 少数民族界

// ---------------------------------------------------------------------------------------------
// Reference lists.

constexpr std::string_view kCpc = "中共";
constexpr std::string_view kNonParty = "无党派人士";

struct Coded {
  std::string_view name;
  std::string_view code;
};

constexpr auto kParties = std::to_array<Coded>({
    {"中共", "zhonggong"},
    {"民革", "minge"},
    {"民盟", "minmeng"},
    {"民建", "minjian"},
    {"民进", "minjin"},
    {"农工党", "nonggong"},
    {"致公党", "zhigong"},
    {"九三学社", "jiusan"},
    {"台盟", "taimeng"},
    {"无党派人士", "wudangpai"},
});

// The report names no special committee; these are the usual ones of a Guangzhou district.
constexpr std::string_view kProposalCommittee = "提案委员会";
constexpr std::string_view kEconomyCommittee = "经济科技委员会";
constexpr std::string_view kUrbanCommittee = "城建环资委员会";
constexpr std::string_view kSocialCommittee = "社会和法制委员会";
constexpr std::string_view kEducationCommittee = "教科卫体委员会";
constexpr std::string_view kCultureCommittee = "文化文史和学习委员会";
constexpr std::string_view kHkMacaoCommittee = "港澳台侨和外事委员会";
constexpr std::string_view kEthnicCommittee = "民族宗教委员会";

constexpr auto kSpecialCommittees = std::to_array<Coded>({
    {kProposalCommittee, "tian"},
    {kEconomyCommittee, "jingke"},
    {kUrbanCommittee, "chengjian"},
    {kSocialCommittee, "shefa"},
    {kEducationCommittee, "jiaokewei"},
    {kCultureCommittee, "wenshi"},
    {kHkMacaoCommittee, "gangaotai"},
    {kEthnicCommittee, "minzong"},
});

// Member groups gather neighbouring sectors into groups of about 30 (SectorPlan::group).
constexpr auto kMemberGroups = std::to_array<Coded>({
    {"第一委员小组", "group01"},
    {"第二委员小组", "group02"},
    {"第三委员小组", "group03"},
    {"第四委员小组", "group04"},
    {"第五委员小组", "group05"},
    {"第六委员小组", "group06"},
    {"第七委员小组", "group07"},
    {"第八委员小组", "group08"},
    {"第九委员小组", "group09"},
    {"第十委员小组", "group10"},
    {"第十一委员小组", "group11"},
});

// Proposal categories (提案类别), as the committee's proposal office sorts them.
constexpr auto kProposalCategories = std::to_array<Coded>({
    {"经济建设", "economy"},
    {"城建环资", "urban"},
    {"教科文卫体", "culture"},
    {"社会事务", "society"},
    {"政治法律", "law"},
});

struct Street {
  std::string_view name;
  std::string_view code;
  std::array<std::string_view, 5> communities;  // unused slots stay empty
};

// Tianhe's 21 streets, each with a few of its communities (居委会) — 85 in all, enough for the
// report's 74 street/community studios.
constexpr auto kStreets = std::to_array<Street>({
    {"沙河街道", "shahe", {"濂泉社区", "先烈东社区", "沙河社区", "沙河顶社区"}},
    {"五山街道", "wushan", {"华工社区", "华农社区", "茶山社区", "岳洲社区", "科华社区"}},
    {"员村街道", "yuancun", {"员村社区", "程界社区", "东成社区", "绿荫社区"}},
    {"车陂街道", "chebei", {"车陂社区", "东郊社区", "美好居社区", "骏景社区"}},
    {"石牌街道", "shipai", {"石牌社区", "华师社区", "暨大社区", "龙口西社区", "薛村社区"}},
    {"天河南街道",
     "tianhenan",
     {"体育东社区", "体育西社区", "六运社区", "南雅苑社区", "天河东社区"}},
    {"林和街道", "linhe", {"林和中社区", "林和东社区", "广州东站社区", "天河直街社区"}},
    {"沙东街道", "shadong", {"沙东社区", "燕岭社区", "广氮社区"}},
    {"兴华街道", "xinghua", {"兴华社区", "燕塘社区", "天寿社区", "华建社区"}},
    {"棠下街道", "tangxia", {"棠下社区", "棠东社区", "上社社区", "棠德社区", "科韵社区"}},
    {"天园街道", "tianyuan", {"天园社区", "华景社区", "翠园社区", "东方社区"}},
    {"猎德街道", "liede", {"猎德社区", "珠江新城社区", "花城社区", "华穗社区", "金穗社区"}},
    {"冼村街道", "xiancun", {"冼村社区", "利雅湾社区", "珠江东社区", "华夏社区"}},
    {"元岗街道", "yuangang", {"元岗社区", "横枝岗社区", "汇景社区", "柏朗社区"}},
    {"黄村街道", "huangcun", {"黄村社区", "奥体社区", "东翠社区", "华翠社区"}},
    {"长兴街道", "changxing", {"长兴社区", "岑村社区", "长湴社区", "华南新村社区"}},
    {"龙洞街道", "longdong", {"龙洞社区", "筲箕窝社区", "龙苑社区", "工大社区"}},
    {"凤凰街道", "fenghuang", {"柯木塱社区", "渔沙坦社区", "凤凰社区"}},
    {"前进街道", "qianjin", {"前进社区", "东圃社区", "天景社区"}},
    {"珠吉街道", "zhuji", {"珠村社区", "吉山社区", "吉山新村社区"}},
    {"新塘街道", "xintang", {"新塘社区", "大观社区", "凌塘社区", "高唐社区"}},
});

// The 10 buildings/parks of 2021's new studios; the first two are the ones the report names.
constexpr auto kBuildings = std::to_array<Coded>({
    {"东塔", "dongta"},
    {"广州（国际）科技成果转化天河基地", "kjcgzh"},
    {"广州国际金融中心", "xita"},
    {"天河软件园", "rjy"},
    {"天河智慧城", "zhc"},
    {"中信广场", "zxgc"},
    {"正佳广场", "zjgc"},
    {"太古汇", "tgh"},
    {"羊城创意产业园", "yccy"},
    {"广州国际金融城", "jrc"},
});

// ---------------------------------------------------------------------------------------------
// Handling units.

struct UnitPlan {
  std::string_view name;
  std::string_view short_name;
  std::string_view category;
  std::string_view code;  // for account usernames; empty when the unit gets no accounts here
};

constexpr std::string_view kGovernment = "government";

constexpr auto kUnits = std::to_array<UnitPlan>({
    {"区政府办公室", "区府办", kGovernment, ""},
    {"区发展和改革局", "区发改局", kGovernment, "fgj"},
    {"区教育局", "区教育局", kGovernment, "jyj"},
    {"区科技工业和信息化局", "区科工信局", kGovernment, ""},
    {"广州市公安局天河区分局", "天河公安分局", kGovernment, ""},
    {"区民政局", "区民政局", kGovernment, "mzj"},
    {"区司法局", "区司法局", kGovernment, ""},
    {"区财政局", "区财政局", kGovernment, ""},
    {"区人力资源和社会保障局", "区人社局", kGovernment, ""},
    {"区住房和城乡建设局", "区住建局", kGovernment, "zjj"},
    {"区交通运输局", "区交通运输局", kGovernment, "jtj"},
    {"区水务局", "区水务局", kGovernment, ""},
    {"区农业农村局", "区农业农村局", kGovernment, ""},
    {"区商务局", "区商务局", kGovernment, ""},
    {"区文化广电旅游体育局", "区文广旅体局", kGovernment, ""},
    {"区卫生健康局", "区卫健局", kGovernment, "wjj"},
    {"区退役军人事务局", "区退役军人局", kGovernment, ""},
    {"区应急管理局", "区应急局", kGovernment, ""},
    {"区审计局", "区审计局", kGovernment, ""},
    {"区市场监督管理局", "区市场监管局", kGovernment, ""},
    {"区统计局", "区统计局", kGovernment, ""},
    {"区城市管理和综合执法局", "区城管执法局", kGovernment, "cgj"},
    {"区政务服务数据管理局", "区政数局", kGovernment, ""},
    {"区医疗保障局", "区医保局", kGovernment, ""},
    {"区信访局", "区信访局", kGovernment, ""},
    {"区国有资产监督管理局", "区国资局", kGovernment, ""},
    {"区地方金融监督管理局", "区金融局", kGovernment, ""},
    {"广州市规划和自然资源局天河区分局", "天河规划和自然资源分局", kGovernment, ""},
    {"广州市生态环境局天河分局", "天河生态环境分局", kGovernment, ""},
    {"国家税务总局广州市天河区税务局", "天河区税务局", kGovernment, ""},
    {"天河中央商务区管理委员会", "天河CBD管委会", kGovernment, ""},
    {"天河软件园管理委员会", "软件园管委会", kGovernment, ""},
    {"区委宣传部", "区委宣传部", "other", ""},
    {"区委统战部", "区委统战部", "other", ""},
    {"区委政法委员会", "区委政法委", "other", ""},
    {"区人民法院", "区法院", "court_procuratorate", ""},
    {"区人民检察院", "区检察院", "court_procuratorate", ""},
    {"区总工会", "区总工会", "mass_organization", ""},
    {"共青团天河区委员会", "团区委", "mass_organization", ""},
    {"区妇女联合会", "区妇联", "mass_organization", ""},
    {"区残疾人联合会", "区残联", "mass_organization", ""},
    {"区工商业联合会", "区工商联", "mass_organization", ""},
    {"区科学技术协会", "区科协", "mass_organization", ""},
    {"区红十字会", "区红十字会", "mass_organization", ""},
    {"广州地铁集团有限公司", "广州地铁", "enterprise", ""},
    {"广州供电局天河供电局", "天河供电局", "enterprise", ""},
    {"广州市自来水有限公司", "市自来水公司", "enterprise", ""},
    {"广州燃气集团有限公司", "广州燃气", "enterprise", ""},
    {"区疾病预防控制中心", "区疾控中心", "other", ""},
    {"区融媒体中心", "区融媒体中心", "other", ""},
});

// The street offices (街道办事处) follow kUnits; this one gets accounts too.
constexpr std::string_view kStreetWithAccounts = "shahe";

// ---------------------------------------------------------------------------------------------
// Names. Surnames weighted by their frequency in Guangzhou (Cantonese-common ones higher than the
// national table); given names from pools typical of people born 1950–1990.

struct Weighted {
  std::string_view value;
  int weight;
};

constexpr auto kSurnames = std::to_array<Weighted>({
    {"陈", 70},  {"李", 55},  {"黄", 50}, {"张", 40}, {"梁", 35}, {"林", 30}, {"刘", 30},
    {"王", 30},  {"吴", 22},  {"何", 22}, {"罗", 18}, {"杨", 18}, {"郑", 16}, {"周", 15},
    {"冯", 12},  {"邓", 12},  {"谢", 12}, {"曾", 10}, {"钟", 10}, {"谭", 10}, {"卢", 10},
    {"叶", 10},  {"朱", 10},  {"徐", 10}, {"麦", 8},  {"许", 8},  {"赵", 8},  {"胡", 8},
    {"郭", 8},   {"蔡", 8},   {"余", 7},  {"孙", 6},  {"马", 6},  {"高", 6},  {"彭", 6},
    {"肖", 6},   {"潘", 6},   {"苏", 6},  {"廖", 6},  {"袁", 5},  {"唐", 5},  {"关", 5},
    {"邱", 5},   {"区", 4},   {"杜", 4},  {"程", 4},  {"吕", 4},  {"宋", 4},  {"曹", 4},
    {"温", 4},   {"江", 4},   {"方", 4},  {"莫", 4},  {"陆", 4},  {"邹", 4},  {"赖", 4},
    {"伍", 4},   {"田", 3},   {"董", 3},  {"蒋", 3},  {"于", 3},  {"魏", 3},  {"丁", 3},
    {"任", 3},   {"沈", 3},   {"韩", 3},  {"严", 3},  {"庞", 3},  {"汤", 3},  {"姚", 3},
    {"欧阳", 3}, {"司徒", 2}, {"龙", 2},  {"甘", 2},  {"容", 2},  {"霍", 2},  {"冼", 2},
    {"岑", 2},   {"简", 2},   {"植", 1},
});

constexpr auto kMaleGivenNames = std::to_array<std::string_view>({
    "伟明", "志强", "建华", "国强", "俊杰", "文斌", "家豪", "嘉辉", "志明", "永康", "锦荣", "伟雄",
    "国华", "振华", "海涛", "晓东", "建军", "立新", "少华", "耀辉", "志坚", "国平", "伟光", "智勇",
    "冠华", "德明", "浩然", "俊宏", "炳坤", "汉成", "启明", "荣光", "瑞麟", "伟权", "家明", "润生",
    "树森", "泽林", "思远", "卓文", "子健", "景行", "永强", "建平", "志刚", "建新", "卫国", "国栋",
    "兆丰", "达明", "少波", "宏亮", "健雄", "铭辉", "剑锋", "文军", "敬明", "耀文", "思成", "世杰",
    "学军", "仲平", "永明", "国伟", "振东", "朝晖", "志宏", "新民", "庆华", "锐坚", "柏林", "景华",
    "绍荣", "汉杰", "天明", "承志", "广生", "焕章", "家骏", "一鸣",
});

constexpr auto kMaleSingleNames = std::to_array<std::string_view>({
    "伟", "强", "军", "斌", "勇", "杰", "涛", "磊", "鹏", "辉", "峰", "刚",
    "健", "波", "明", "亮", "超", "华", "彬", "毅", "智", "铭", "浩", "锋",
});

constexpr auto kFemaleGivenNames = std::to_array<std::string_view>({
    "丽华", "秀英", "美玲", "慧敏", "婉婷", "晓红", "丽娟", "雪梅", "玉兰", "嘉欣", "咏仪", "淑仪",
    "凤仪", "静怡", "诗琪", "晓燕", "丽萍", "美华", "巧玲", "碧霞", "少芬", "惠芳", "海燕", "文静",
    "雅琴", "佩珊", "翠玲", "春梅", "秀珍", "月娥", "淑贞", "艳红", "晓丽", "燕玲", "紫薇", "小玲",
    "爱华", "素珍", "丽君", "美娟", "晓菁", "凯琳", "颖欣", "颂恩", "映红", "志红", "宝珠", "绮雯",
    "韵华", "嘉敏", "慧玲", "丽清", "秋萍", "晓岚", "雪芳", "蔚然", "晓琳", "少玲", "红霞", "洁贞",
});

constexpr auto kFemaleSingleNames = std::to_array<std::string_view>({
    "芳", "静", "敏", "燕", "琳", "婷", "洁", "丹", "红", "娟",
    "霞", "萍", "莉", "蕾", "颖", "倩", "薇", "虹", "玲", "琼",
});

// People the report names, and well-known Cantonese public figures the pools could spell: the
// demo must not put words in real people's mouths.
constexpr auto kReservedNames = std::to_array<std::string_view>({
    "邵国明",
    "吴小妹",
    "续红",
    "程智波",
    "付伟",
    "陈少华",
    "李嘉欣",
    "张国强",
    "陈慧敏",
});

constexpr auto kMinorityEthnicities = std::to_array<std::string_view>({
    "壮族",
    "回族",
    "满族",
    "土家族",
    "苗族",
    "瑶族",
    "畲族",
    "朝鲜族",
});

class NameBook {
 public:
  NameBook() {
    for (const auto name : kReservedNames) used_.emplace(name);
  }

  std::string next(Rng& rng, bool male) {
    while (true) {
      std::string name{pick_weighted(rng, kSurnames)};
      if (rng.percent(kSingleCharacterPercent)) {
        name += male ? rng.pick(kMaleSingleNames) : rng.pick(kFemaleSingleNames);
      } else {
        name += male ? rng.pick(kMaleGivenNames) : rng.pick(kFemaleGivenNames);
      }
      if (used_.insert(name).second) return name;
    }
  }

  template <typename Container>
  static std::string_view pick_weighted(Rng& rng, const Container& items) {
    int total = 0;
    for (const auto& item : items) total += item.weight;
    int roll = rng.between(0, total - 1);
    for (const auto& item : items) {
      if (roll < item.weight) return item.value;
      roll -= item.weight;
    }
    return items.back().value;
  }

 private:
  std::set<std::string> used_;
};

// Values that must be unique across the whole data set (phones, id numbers).
class UniqueSet {
 public:
  bool add(const std::string& value) { return values_.insert(value).second; }

 private:
  std::set<std::string> values_;
};

// ---------------------------------------------------------------------------------------------
// Employers and titles.

enum class Job {
  kGovernment,
  kStreet,
  kUniversity,
  kHospital,
  kSchool,
  kLawFirm,
  kCompany,
  kTechCompany,
  kFinance,
  kAccounting,
  kResearch,
  kCulture,
  kMedia,
  kSports,
  kSocial,
  kYouth,
  kUnion,
  kWomen,
  kCommerce,
  kHongKong,
  kMacao,
  kReligion,
  kVillage,
  kSocialScience,
  kRetired,
};

struct JobWeight {
  Job job;
  int weight;
};

struct Place {
  std::string_view name;
  std::string_view senior;  // the title of a standing member working there
  std::array<std::string_view, 3> titles;
};

constexpr auto kUniversities = std::to_array<std::string_view>({
    "华南理工大学",
    "暨南大学",
    "华南师范大学",
    "华南农业大学",
    "广东工业大学",
    "广东技术师范大学",
    "中山大学",
    "广东外语艺术职业学院",
});
constexpr auto kUniversityTitles = std::to_array<std::string_view>({
    "教授",
    "副教授",
    "教授、博士生导师",
    "研究员",
    "副研究员",
    "系主任、副教授",
});

constexpr auto kHospitals = std::to_array<std::string_view>({
    "中山大学附属第三医院",
    "暨南大学附属第一医院",
    "中山大学附属第六医院",
    "广州市妇女儿童医疗中心",
    "天河区人民医院",
    "天河区中医医院",
    "天河区妇幼保健院",
});
constexpr auto kHospitalTitles = std::to_array<std::string_view>({
    "主任医师",
    "副主任医师",
    "科主任、主任医师",
    "主治医师",
    "护士长",
    "副主任护师",
});

constexpr auto kSchools = std::to_array<std::string_view>({
    "广州市天河中学",
    "天河外国语学校",
    "广州市第一一三中学",
    "广州中学",
    "华南师范大学附属中学",
    "天河区体育东路小学",
    "天河区华阳小学",
    "天河区龙口西小学",
    "天河区先烈东小学",
    "天河区天府路小学",
    "天河区员村小学",
    "天河区昌乐小学",
});
constexpr auto kSchoolTitles = std::to_array<std::string_view>({
    "副校长",
    "高级教师",
    "正高级教师",
    "德育处主任",
    "教研组长",
    "高级教师、年级长",
});

constexpr auto kResearchPlaces = std::to_array<Place>({
    {"广东省科学院", "副院长、研究员", {"研究员", "副研究员", "高级工程师"}},
    {"中国科学院华南植物园", "副主任、研究员", {"研究员", "副研究员", "高级实验师"}},
    {"广东省农业科学院", "研究所所长", {"研究员", "副研究员", "高级农艺师"}},
    {"广州市城市规划勘测设计研究院", "副院长", {"教授级高级工程师", "高级工程师", "所长"}},
    {"中国电子产品可靠性与环境试验研究所", "副所长", {"研究员", "高级工程师", "室主任"}},
});

constexpr auto kSocialSciencePlaces = std::to_array<Place>({
    {"广州市社会科学院", "副院长、研究员", {"研究员", "副研究员", "研究所所长"}},
    {"广东省社会科学院", "研究所所长", {"研究员", "副研究员", "助理研究员"}},
    {"中共广州市天河区委党校", "常务副校长", {"教授", "副教授", "教研室主任"}},
});

constexpr auto kCulturePlaces = std::to_array<Place>({
    {"天河区文化馆", "馆长", {"副馆长", "研究馆员", "国家二级演员"}},
    {"天河区图书馆", "馆长", {"副馆长", "研究馆员", "副研究馆员"}},
    {"天河政协书画院", "院长", {"副院长", "国家一级美术师", "书法家"}},
    {"天河区美术家协会", "主席", {"副主席", "国家一级美术师", "国家二级美术师"}},
    {"天河区书法家协会", "主席", {"副主席", "秘书长", "理事"}},
    {"天河区音乐家协会", "主席", {"副主席", "国家一级演奏员", "秘书长"}},
    {"天河区作家协会", "主席", {"副主席", "作家", "秘书长"}},
});

constexpr auto kMediaPlaces = std::to_array<Place>({
    {"广州日报社", "副总编辑", {"主任记者", "高级编辑", "记者"}},
    {"南方报业传媒集团", "副总编辑", {"主任记者", "高级记者", "编辑"}},
    {"羊城晚报社", "副总编辑", {"主任记者", "高级编辑", "记者"}},
    {"广东广播电视台", "频道总监", {"主任编辑", "主持人", "记者"}},
    {"天河区融媒体中心", "主任", {"副主任", "编辑", "记者"}},
    {"广东人民出版社", "副总编辑", {"编审", "副编审", "编辑"}},
});

constexpr auto kSportsPlaces = std::to_array<Place>({
    {"广州体育学院", "教授、学院院长", {"教授", "副教授", "国家级教练"}},
    {"天河体育中心", "主任", {"副主任", "高级教练", "国家级裁判"}},
    {"天河区业余体育学校", "校长", {"高级教练", "教练员", "副校长"}},
});

constexpr auto kSocialPlaces = std::to_array<Place>({
    {"天河区慈善会", "会长", {"副会长", "秘书长", "理事"}},
    {"天河区养老服务指导中心", "主任", {"副主任", "社工督导", "高级社会工作师"}},
    {"天河区残疾人联合会", "理事长", {"副理事长", "副主席", "康复部部长"}},
    {"天河区红十字会", "常务副会长", {"副会长", "秘书长", "理事"}},
    {"天河区社会组织联合会", "会长", {"副会长", "秘书长", "理事"}},
});

constexpr auto kYouthPlaces = std::to_array<Place>({
    {"共青团广州市天河区委员会", "书记", {"副书记", "副书记", "青年发展部部长"}},
    {"天河区青年联合会", "主席", {"副主席", "常委", "委员"}},
    {"天河区青年企业家协会", "会长", {"副会长", "常务副会长", "秘书长"}},
});

constexpr auto kUnionPlaces = std::to_array<Place>({
    {"天河区总工会", "常务副主席", {"副主席", "经费审查委员会主任", "副主席"}},
});

constexpr auto kWomenPlaces = std::to_array<Place>({
    {"天河区妇女联合会", "主席", {"副主席", "副主席", "执委"}},
    {"天河区女企业家协会", "会长", {"副会长", "秘书长", "常务副会长"}},
});

constexpr auto kCommercePlaces = std::to_array<Place>({
    {"天河区工商业联合会（总商会）", "主席", {"副主席", "副会长", "常务副会长"}},
});

constexpr auto kReligionPlaces = std::to_array<Place>({
    {"广州市佛教协会", "副会长", {"常务理事", "理事", "副秘书长"}},
    {"广州市伊斯兰教协会", "副会长", {"常务理事", "理事", "副秘书长"}},
    {"广州市基督教两会", "副主席", {"牧师", "常务委员", "副秘书长"}},
    {"广州市天主教爱国会", "副主任", {"神父", "委员", "副秘书长"}},
    {"广州市道教协会", "副会长", {"常务理事", "理事", "副秘书长"}},
});

// Invented company names: word + trade. Real firms are never named, so no real person is.
constexpr auto kCompanyWords = std::to_array<std::string_view>({
    "汇智", "云图",   "粤信", "天瑞",   "骏丰",   "宏图", "博衍", "睿驰", "华穗", "穗丰",
    "恒泰", "晨曦",   "远航", "金悦",   "嘉润",   "明德", "瑞丰", "天鸿", "南翔", "领航",
    "凯越", "鼎盛",   "誉诚", "启航",   "万合",   "朗晴", "致远", "新程", "同创", "禾田",
    "穗创", "珠江汇", "天韵", "粤港通", "岭南星", "中穗", "沐阳", "合盈", "聚源", "正衡",
});
constexpr auto kCompanyTrades = std::to_array<std::string_view>({
    "实业",
    "投资",
    "置业",
    "贸易",
    "供应链管理",
    "餐饮管理",
    "物业服务",
    "建设工程",
    "商业管理",
    "文化传媒",
    "教育科技",
    "健康产业",
    "会展服务",
    "物流",
});
constexpr auto kTechTrades = std::to_array<std::string_view>({
    "科技",
    "信息技术",
    "软件",
    "数据科技",
    "网络科技",
    "智能科技",
    "生物科技",
    "电子科技",
    "数字科技",
    "医疗科技",
});
constexpr auto kFinanceTrades = std::to_array<std::string_view>({
    "投资管理",
    "资产管理",
    "股权投资基金管理",
    "融资租赁",
    "商业保理",
    "金融信息服务",
});
constexpr auto kCompanyTitles = std::to_array<std::string_view>({
    "总经理",
    "副总经理",
    "执行董事",
    "财务总监",
    "副总裁",
    "董事、总经理",
});
constexpr auto kTechTitles = std::to_array<std::string_view>({
    "首席技术官",
    "研发总监",
    "总经理",
    "副总经理",
    "技术总监",
    "创始人、首席执行官",
});
constexpr auto kFinanceTitles = std::to_array<std::string_view>({
    "总经理",
    "合伙人",
    "副总经理",
    "风控总监",
    "投资总监",
});
constexpr auto kUnionTitles = std::to_array<std::string_view>({
    "工会主席",
    "工会副主席",
    "高级技师",
    "车间主任",
    "工会主席、高级工程师",
});

constexpr auto kLawWords = std::to_array<std::string_view>({
    "穗衡",
    "卓信",
    "明理",
    "正勤",
    "法衡",
    "华誉",
    "天穗",
    "信和",
    "南粤正",
    "恒晟",
    "广和信",
    "德衡正",
});
constexpr auto kLawTitles = std::to_array<std::string_view>({
    "高级合伙人",
    "合伙人",
    "律师",
    "合伙人、律师",
    "专职律师",
});

constexpr auto kHongKongWords = std::to_array<std::string_view>({
    "嘉利",
    "富华",
    "宝隆",
    "华昌",
    "荣泰",
    "信昌",
    "冠盈",
    "新港",
    "祥兴",
    "明华",
    "永泰",
    "德润",
    "汇丰源",
    "兆盈",
});
constexpr auto kHongKongTitles = std::to_array<std::string_view>({
    "董事长",
    "董事总经理",
    "执行董事",
    "行政总裁",
    "副主席",
});

constexpr auto kVillages = std::to_array<std::string_view>({
    "车陂",
    "棠下",
    "岑村",
    "珠村",
    "吉山",
    "柯木塱",
    "渔沙坦",
    "凌塘",
    "沐陂",
    "新塘",
    "黄村",
    "长湴",
});

// "沙河街道" → "沙河街", as in 沙河街社区卫生服务中心.
std::string_view street_short_name(std::string_view street) {
  constexpr std::string_view kSuffix = "道";
  return street.ends_with(kSuffix) ? street.substr(0, street.size() - kSuffix.size()) : street;
}

std::string company_name(Rng& rng, std::string_view trade) {
  constexpr int kProvincialPercent = 20;
  if (rng.percent(kProvincialPercent)) {
    return fmt::format("广东{}{}股份有限公司", rng.pick(kCompanyWords), trade);
  }
  return fmt::format("广州{}{}有限公司", rng.pick(kCompanyWords), trade);
}

struct Employment {
  std::string employer;
  std::string title;
};

Employment at_place(Rng& rng, const Place& place, bool senior) {
  return {std::string{place.name}, std::string{senior ? place.senior : rng.pick(place.titles)}};
}

template <typename Places>
Employment at_one_of(Rng& rng, const Places& places, bool senior) {
  return at_place(rng, rng.pick(places), senior);
}

// Government departments (not commissions, courts or companies): a member from one is 局长 or
// below.
std::vector<std::string_view> government_bureaus() {
  std::vector<std::string_view> out;
  for (const auto& unit : kUnits) {
    if (unit.category == kGovernment && unit.name.starts_with("区") && unit.name.ends_with("局")) {
      out.push_back(unit.name);
    }
  }
  return out;
}

Employment make_employment(Job job, bool senior, Rng& rng) {
  static const std::vector<std::string_view> kBureaus = government_bureaus();
  constexpr int kMostlyPercent = 75;
  switch (job) {
    case Job::kGovernment: {
      constexpr auto kTitles = std::to_array<std::string_view>({"副局长", "二级调研员", "科长"});
      return {fmt::format("天河{}", rng.pick(kBureaus)),
              std::string{senior ? "党组书记、局长" : rng.pick(kTitles)}};
    }
    case Job::kStreet: {
      constexpr auto kTitles =
          std::to_array<std::string_view>({"办事处主任", "党工委副书记", "人大工委主任", "副主任"});
      return {fmt::format("天河区{}办事处", rng.pick(kStreets).name),
              std::string{senior ? "党工委书记" : rng.pick(kTitles)}};
    }
    case Job::kUniversity:
      return {std::string{rng.pick(kUniversities)},
              std::string{senior ? "学院院长、教授" : rng.pick(kUniversityTitles)}};
    case Job::kHospital:
      if (rng.percent(kMostlyPercent)) {
        return {std::string{rng.pick(kHospitals)},
                std::string{senior ? "副院长、主任医师" : rng.pick(kHospitalTitles)}};
      }
      return {fmt::format("天河区{}社区卫生服务中心", street_short_name(rng.pick(kStreets).name)),
              std::string{senior ? "主任、主任医师" : "全科副主任医师"}};
    case Job::kSchool:
      return {std::string{rng.pick(kSchools)},
              std::string{senior ? "党总支书记、校长" : rng.pick(kSchoolTitles)}};
    case Job::kLawFirm:
      return {fmt::format("广东{}律师事务所", rng.pick(kLawWords)),
              std::string{senior ? "主任、律师" : rng.pick(kLawTitles)}};
    case Job::kCompany:
      return {company_name(rng, rng.pick(kCompanyTrades)),
              std::string{senior ? "董事长" : rng.pick(kCompanyTitles)}};
    case Job::kTechCompany:
      return {company_name(rng, rng.pick(kTechTrades)),
              std::string{senior ? "董事长、总经理" : rng.pick(kTechTitles)}};
    case Job::kFinance:
      return {company_name(rng, rng.pick(kFinanceTrades)),
              std::string{senior ? "董事长" : rng.pick(kFinanceTitles)}};
    case Job::kAccounting: {
      constexpr auto kTitles =
          std::to_array<std::string_view>({"合伙人", "注册会计师", "注册税务师"});
      return {fmt::format("广东{}会计师事务所（特殊普通合伙）", rng.pick(kCompanyWords)),
              std::string{senior ? "首席合伙人" : rng.pick(kTitles)}};
    }
    case Job::kResearch:
      return at_one_of(rng, kResearchPlaces, senior);
    case Job::kCulture:
      return at_one_of(rng, kCulturePlaces, senior);
    case Job::kMedia:
      return at_one_of(rng, kMediaPlaces, senior);
    case Job::kSports:
      return at_one_of(rng, kSportsPlaces, senior);
    case Job::kSocial:
      if (rng.percent(kMostlyPercent)) return at_one_of(rng, kSocialPlaces, senior);
      return {fmt::format("天河区{}社会工作服务中心", rng.pick(kCompanyWords)),
              std::string{senior ? "理事长" : "主任、社工督导"}};
    case Job::kYouth:
      return at_one_of(rng, kYouthPlaces, senior);
    case Job::kUnion:
      if (!senior && rng.percent(kMostlyPercent)) {
        return {company_name(rng, rng.pick(kCompanyTrades)), std::string{rng.pick(kUnionTitles)}};
      }
      return at_one_of(rng, kUnionPlaces, senior);
    case Job::kWomen:
      return at_one_of(rng, kWomenPlaces, senior);
    case Job::kCommerce:
      return at_one_of(rng, kCommercePlaces, senior);
    case Job::kHongKong: {
      constexpr auto kForms = std::to_array<std::string_view>(
          {"香港{}集团有限公司", "{}（香港）实业有限公司", "香港{}国际控股有限公司"});
      return {fmt::format(fmt::runtime(rng.pick(kForms)), rng.pick(kHongKongWords)),
              std::string{senior ? "主席" : rng.pick(kHongKongTitles)}};
    }
    case Job::kMacao: {
      constexpr auto kForms = std::to_array<std::string_view>(
          {"澳门{}集团有限公司", "澳门{}发展有限公司", "{}（澳门）投资有限公司"});
      return {fmt::format(fmt::runtime(rng.pick(kForms)), rng.pick(kHongKongWords)),
              std::string{senior ? "主席" : rng.pick(kHongKongTitles)}};
    }
    case Job::kReligion:
      return at_one_of(rng, kReligionPlaces, senior);
    case Job::kSocialScience:
      return at_one_of(rng, kSocialSciencePlaces, senior);
    case Job::kVillage:
      if (rng.percent(kMostlyPercent)) {
        constexpr auto kTitles = std::to_array<std::string_view>({"副社长", "社委", "监委会主任"});
        return {fmt::format("天河区{}经济联合社", rng.pick(kVillages)),
                std::string{senior ? "党委书记、社长" : rng.pick(kTitles)}};
      }
      return {company_name(rng, "农业科技"), std::string{senior ? "董事长" : "总经理"}};
    case Job::kRetired:
      if (rng.percent(kMostlyPercent)) {
        return {fmt::format("天河{}", rng.pick(kBureaus)),
                std::string{senior ? "原局长（已退休）" : "原副局长（已退休）"}};
      }
      return {fmt::format("天河区{}办事处", rng.pick(kStreets).name),
              std::string{senior ? "原党工委书记（已退休）" : "原办事处主任（已退休）"}};
  }
  throw std::logic_error("unknown job kind");
}

// ---------------------------------------------------------------------------------------------
// Sectors: how many seats each has and who fills them. The numbers make term 9 come out at 329
// members, about 37% 中共, 25% in the eight democratic parties, 39% women, 50 standing members and
// 12 from Hong Kong and Macao.

constexpr std::size_t kMaxJobs = 7;

struct SectorPlan {
  std::string_view name;
  std::string_view code;
  int seats;
  std::string_view party;  // a party sector: everyone in it belongs to this party
  int cpc;                 // otherwise: how many are in the CPC …
  int democratic;          // … and in a democratic party (the rest are non-party)
  std::array<std::string_view, 2> democratic_parties;  // alternated
  int women;
  int standing;
  bool hk_macao;
  std::string_view committee;  // the special committee most of them join; empty: any
  int group;                   // 1-based index into kMemberGroups
  int min_age;
  int max_age;
  std::array<JobWeight, kMaxJobs> jobs;
};

// clang-format off
constexpr auto kSectors = std::to_array<SectorPlan>({
  // name, code, seats, party, cpc, democratic, democratic parties, women, standing, hk/macao,
  // committee, group, ages, jobs
  {"中共", "zhonggong", 26, kCpc, 0, 0, {}, 8, 6, false, "", 1, 38, 60,
   {{{Job::kGovernment, 6}, {Job::kStreet, 3}, {Job::kCompany, 1}}}},
  {"民革", "minge", 9, "民革", 0, 0, {}, 3, 2, false, kProposalCommittee, 2, 35, 65,
   {{{Job::kLawFirm, 3}, {Job::kUniversity, 2}, {Job::kCompany, 2}, {Job::kHospital, 1},
     {Job::kSchool, 1}}}},
  {"民盟", "minmeng", 10, "民盟", 0, 0, {}, 4, 2, false, kProposalCommittee, 2, 35, 65,
   {{{Job::kUniversity, 4}, {Job::kSchool, 2}, {Job::kResearch, 2}, {Job::kCulture, 1},
     {Job::kLawFirm, 1}}}},
  {"民建", "minjian", 10, "民建", 0, 0, {}, 3, 2, false, kProposalCommittee, 2, 35, 65,
   {{{Job::kCompany, 4}, {Job::kFinance, 3}, {Job::kAccounting, 2}, {Job::kTechCompany, 1}}}},
  {"民进", "minjin", 9, "民进", 0, 0, {}, 4, 2, false, kProposalCommittee, 3, 35, 65,
   {{{Job::kSchool, 4}, {Job::kUniversity, 2}, {Job::kCulture, 2}, {Job::kMedia, 1}}}},
  {"农工党", "nonggong", 8, "农工党", 0, 0, {}, 4, 2, false, kProposalCommittee, 3, 35, 65,
   {{{Job::kHospital, 6}, {Job::kUniversity, 1}, {Job::kTechCompany, 1}}}},
  {"致公党", "zhigong", 7, "致公党", 0, 0, {}, 3, 2, false, kProposalCommittee, 3, 35, 65,
   {{{Job::kCompany, 3}, {Job::kUniversity, 2}, {Job::kHospital, 1}, {Job::kLawFirm, 1}}}},
  {"九三学社", "jiusan", 8, "九三学社", 0, 0, {}, 3, 2, false, kProposalCommittee, 3, 35, 65,
   {{{Job::kResearch, 3}, {Job::kUniversity, 4}, {Job::kTechCompany, 2}, {Job::kHospital, 1}}}},
  {"无党派人士", "wudangpai", 10, kNonParty, 0, 0, {}, 4, 2, false, kProposalCommittee, 4, 35, 65,
   {{{Job::kUniversity, 2}, {Job::kLawFirm, 2}, {Job::kTechCompany, 2}, {Job::kHospital, 2},
     {Job::kCompany, 2}, {Job::kCulture, 1}}}},
  {"共青团", "gongqingtuan", 8, "", 7, 0, {}, 3, 1, false, kSocialCommittee, 1, 30, 42,
   {{{Job::kYouth, 2}, {Job::kTechCompany, 3}, {Job::kCompany, 2}, {Job::kSchool, 1},
     {Job::kSocial, 1}}}},
  {"工会", "gonghui", 10, "", 8, 0, {}, 4, 1, false, kSocialCommittee, 4, 35, 60,
   {{{Job::kUnion, 1}}}},
  {"妇联", "fulian", 10, "", 7, 0, {}, 9, 1, false, kSocialCommittee, 4, 35, 62,
   {{{Job::kWomen, 2}, {Job::kCompany, 3}, {Job::kSchool, 2}, {Job::kHospital, 1},
     {Job::kSocial, 2}, {Job::kLawFirm, 1}}}},
  {"工商联", "gongshanglian", 20, "", 3, 3, {"民建", "致公党"}, 5, 4, false, kEconomyCommittee, 5,
   35, 65, {{{Job::kCompany, 6}, {Job::kTechCompany, 3}, {Job::kFinance, 1}, {Job::kCommerce, 1}}}},
  {"科技界", "keji", 16, "", 5, 3, {"九三学社", "民盟"}, 5, 2, false, kEconomyCommittee, 7, 32, 62,
   {{{Job::kTechCompany, 6}, {Job::kResearch, 3}, {Job::kUniversity, 2}}}},
  {"经济界", "jingji", 30, "", 10, 3, {"民建", "民革"}, 9, 3, false, kEconomyCommittee, 6, 33, 63,
   {{{Job::kCompany, 5}, {Job::kFinance, 4}, {Job::kAccounting, 2}, {Job::kTechCompany, 2}}}},
  {"教育界", "jiaoyu", 22, "", 9, 4, {"民进", "民盟"}, 11, 2, false, kEducationCommittee, 8, 33, 62,
   {{{Job::kSchool, 6}, {Job::kUniversity, 4}}}},
  {"文化艺术界", "wenhua", 12, "", 3, 2, {"民进", "民盟"}, 5, 1, false, kCultureCommittee, 10, 35,
   68, {{{Job::kCulture, 6}, {Job::kCompany, 1}}}},
  {"医药卫生界", "yiyao", 20, "", 7, 4, {"农工党", "九三学社"}, 9, 2, false, kEducationCommittee, 9,
   35, 63, {{{Job::kHospital, 9}, {Job::kTechCompany, 1}}}},
  {"体育界", "tiyu", 5, "", 2, 0, {}, 2, 0, false, kEducationCommittee, 8, 32, 60,
   {{{Job::kSports, 1}}}},
  {"新闻出版界", "xinwen", 6, "", 4, 0, {}, 3, 1, false, kCultureCommittee, 7, 33, 60,
   {{{Job::kMedia, 1}}}},
  {"社会科学界", "sheke", 8, "", 3, 1, {"民盟", "民盟"}, 3, 1, false, kCultureCommittee, 7, 35, 65,
   {{{Job::kUniversity, 2}, {Job::kSocialScience, 2}}}},
  {"农业界", "nongye", 4, "", 3, 0, {}, 1, 0, false, kUrbanCommittee, 5, 38, 62,
   {{{Job::kVillage, 1}}}},
  {"社会福利和社会保障界", "shehuifuli", 10, "", 5, 0, {}, 5, 1, false, kSocialCommittee, 9, 35, 63,
   {{{Job::kSocial, 4}, {Job::kGovernment, 1}}}},
  {"少数民族界", "shaoshuminzu", 6, "", 3, 0, {}, 3, 1, false, kEthnicCommittee, 10, 35, 63,
   {{{Job::kUniversity, 1}, {Job::kCompany, 1}, {Job::kHospital, 1}, {Job::kSchool, 1}}}},
  {"宗教界", "zongjiao", 4, "", 0, 0, {}, 1, 1, false, kEthnicCommittee, 5, 40, 68,
   {{{Job::kReligion, 1}}}},
  {"特邀香港人士", "xianggang", 9, "", 0, 0, {}, 2, 2, true, kHkMacaoCommittee, 10, 35, 68,
   {{{Job::kHongKong, 1}}}},
  {"特邀澳门人士", "aomen", 3, "", 0, 0, {}, 1, 1, true, kHkMacaoCommittee, 10, 35, 68,
   {{{Job::kMacao, 1}}}},
  {"特别邀请人士", "teyao", 29, "", 18, 2, {"台盟", "致公党"}, 10, 3, false, kUrbanCommittee, 11, 45,
   70, {{{Job::kRetired, 4}, {Job::kGovernment, 2}, {Job::kCompany, 2}, {Job::kUniversity, 1},
         {Job::kLawFirm, 1}, {Job::kSocial, 1}}}},
});
// clang-format on

constexpr int total_seats() {
  int total = 0;
  for (const auto& sector : kSectors) total += sector.seats;
  return total;
}
static_assert(total_seats() == kTerm9MemberCount, "sector seats must add up to the term-9 roster");

constexpr int kStandingCount = 50;  // about a sixth of the members, as usual for a district
constexpr int total_standing() {
  int total = 0;
  for (const auto& sector : kSectors) total += sector.standing;
  return total;
}
static_assert(total_standing() == kStandingCount, "standing seats must add up to the plan");

// ---------------------------------------------------------------------------------------------
// Members.

// Guangzhou's district area codes (440102 is 东山区, merged into 越秀 in 2005 but still printed on
// older cards).
constexpr auto kAreaCodes = std::to_array<std::string_view>({
    "440102",
    "440103",
    "440104",
    "440105",
    "440106",
    "440106",
    "440106",
    "440111",
    "440112",
    "440113",
    "440114",
    "440115",
    "440117",
    "440118",
});

constexpr auto kMobilePrefixes = std::to_array<std::string_view>({
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "155", "156", "157", "158", "159", "180", "181", "186", "187", "188", "189",
});

constexpr int kMonths = 12;

int days_in_month(int year, int month) {
  constexpr std::array<int, kMonths> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) return 29;
  return kDays.at(static_cast<std::size_t>(month - 1));
}

std::string mobile_phone(Rng& rng, UniqueSet& phones) {
  constexpr std::size_t kEightDigits = 100'000'000;
  while (true) {
    std::string phone = fmt::format("{}{:08}", rng.pick(kMobilePrefixes), rng.below(kEightDigits));
    if (phones.add(phone)) return phone;
  }
}

std::string office_phone(Rng& rng, UniqueSet& phones) {
  constexpr int kLow = 3800'0000;
  constexpr int kHigh = 3899'9999;
  while (true) {
    std::string phone = fmt::format("020-{}", rng.between(kLow, kHigh));
    if (phones.add(phone)) return phone;
  }
}

// An identity number whose birth date and sequence parity match the person.
std::string id_number(Rng& rng, UniqueSet& ids, int year, int month, int day, bool male) {
  constexpr int kSequencePairs = 499;
  while (true) {
    const int sequence = rng.between(1, kSequencePairs) * 2 + (male ? 1 : 0);
    const std::string body =
        fmt::format("{}{:04}{:02}{:02}{:03}", rng.pick(kAreaCodes), year, month, day, sequence);
    std::string number = body + *member::id_number_check_character(body);
    if (ids.add(number)) return number;
  }
}

// Ages cluster in the middle of the range, as on a real roster: the mean of two uniform draws.
int draw_age(Rng& rng, int lo, int hi) {
  return (rng.between(lo, hi) + rng.between(lo, hi) + 1) / 2;
}

struct Generator {
  Rng rng;
  NameBook& names;
  UniqueSet& phones;
  UniqueSet& ids;
};

std::vector<std::string> special_committees_for(Rng& rng, const SectorPlan& sector) {
  std::vector<std::string> out;
  if (!sector.committee.empty() && rng.percent(kAffinityPercent)) {
    out.emplace_back(sector.committee);
  } else {
    out.emplace_back(rng.pick(kSpecialCommittees).name);
  }
  if (rng.percent(kSecondCommitteePercent)) {
    while (true) {
      const std::string second{rng.pick(kSpecialCommittees).name};
      if (second != out.front()) {
        out.push_back(second);
        break;
      }
    }
  }
  return out;
}

Job pick_job(Rng& rng, const SectorPlan& sector) {
  int total = 0;
  for (const auto& job : sector.jobs) total += job.weight;
  int roll = rng.between(0, total - 1);
  for (const auto& job : sector.jobs) {
    if (roll < job.weight) return job.job;
    roll -= job.weight;
  }
  return sector.jobs.front().job;
}

// `seat` is the member's position in their sector: the first `sector.standing` seats are standing
// members, and the first of all leads the sector.
DemoMember make_member(Generator& gen, const SectorPlan& sector, std::string_view party, bool male,
                       int seat, int standing_seats, int reference_year) {
  const bool standing = seat < standing_seats;
  Rng& rng = gen.rng;
  DemoMember member;
  member.name = gen.names.next(rng, male);
  member.gender = male ? "male" : "female";

  // Standing members are senior, within what their sector allows (共青团 tops out at 42).
  const int lo =
      standing ? std::clamp(kSeniorMinAge, sector.min_age, sector.max_age) : sector.min_age;
  const int hi = standing ? std::clamp(kSeniorMaxAge, lo, sector.max_age) : sector.max_age;
  const int age = std::clamp(draw_age(rng, lo, hi), kMinAge, kMaxAge);
  const int year = reference_year - age;
  const int month = rng.between(1, kMonths);
  const int day = rng.between(1, days_in_month(year, month));
  member.birth_date = fmt::format("{:04}-{:02}-{:02}", year, month, day);
  member.id_number = id_number(rng, gen.ids, year, month, day, male);

  const bool minority = sector.code == "shaoshuminzu" || rng.percent(kOtherEthnicityPercent);
  member.ethnicity = minority ? std::string{rng.pick(kMinorityEthnicities)} : "汉族";

  member.party = std::string{party};
  member.sector = std::string{sector.name};
  Job job = pick_job(rng, sector);
  if (job == Job::kRetired && age < kRetirementAge) job = Job::kGovernment;  // still serving
  auto employment = make_employment(job, standing, rng);
  member.employer = std::move(employment.employer);
  member.title = std::move(employment.title);
  if (member.employer.find("伊斯兰教") != std::string::npos) member.ethnicity = "回族";
  if (standing && !sector.party.empty() && sector.party != kCpc && sector.party != kNonParty) {
    // The standing members of a party sector lead the party's district organisation.
    member.title +=
        fmt::format("，{}天河区基层委员会{}", sector.party, seat == 0 ? "主委" : "副主委");
  }

  member.is_standing = standing;
  member.is_hk_macao = sector.hk_macao;
  member.special_committees = special_committees_for(rng, sector);
  member.group = std::string{kMemberGroups.at(static_cast<std::size_t>(sector.group - 1)).name};
  member.phone = mobile_phone(rng, gen.phones);
  return member;
}

// The parties of a sector's seats, in random order.
std::vector<std::string_view> sector_parties(Rng& rng, const SectorPlan& sector, int seats, int cpc,
                                             int democratic) {
  if (!sector.party.empty()) {
    return std::vector<std::string_view>(static_cast<std::size_t>(seats), sector.party);
  }
  std::vector<std::string_view> parties(static_cast<std::size_t>(seats), kNonParty);
  std::fill_n(parties.begin(), cpc, kCpc);
  for (int i = 0; i < democratic; ++i) {
    parties.at(static_cast<std::size_t>(cpc) + static_cast<std::size_t>(i)) =
        sector.democratic_parties.at(static_cast<std::size_t>(i % 2));
  }
  rng.shuffle(parties);
  return parties;
}

// "male"/"female" for a sector's seats, in random order.
std::vector<std::string_view> genders(Rng& rng, int seats, int women) {
  std::vector<std::string_view> out(static_cast<std::size_t>(seats), "male");
  std::fill_n(out.begin(), women, "female");
  rng.shuffle(out);
  return out;
}

std::vector<DemoMember> term9_roster(NameBook& names, UniqueSet& phones, UniqueSet& ids) {
  Generator gen{Rng{kTerm9Seed}, names, phones, ids};
  std::vector<DemoMember> roster;
  for (const auto& sector : kSectors) {
    const auto parties =
        sector_parties(gen.rng, sector, sector.seats, sector.cpc, sector.democratic);
    const auto gender = genders(gen.rng, sector.seats, sector.women);
    for (int i = 0; i < sector.seats; ++i) {
      const auto at = static_cast<std::size_t>(i);
      roster.push_back(make_member(gen, sector, parties[at], gender[at] == "male", i,
                                   sector.standing, kTerm9Year));
    }
  }
  for (std::size_t i = 0; i < roster.size(); ++i) {
    roster[i].member_no = fmt::format("{:02}01{:03}", kTerm9Number, i + 1);
    roster[i].email = fmt::format("m{}@example.com", roster[i].member_no);
  }

  // Who was re-appointed: never someone too young to have sat in 2016; standing members more
  // often, the youngest less often.
  constexpr int kBaseWeight = 6;
  constexpr int kStandingBonus = 4;
  constexpr int kYoungAge = 40;
  std::vector<int> weights;
  for (const auto& member : roster) {
    const int age = kTerm9Year - std::stoi(member.birth_date.substr(0, 4));
    int weight = kBaseWeight + (member.is_standing ? kStandingBonus : 0);
    if (age < kYoungAge) weight /= 2;
    if (age - (kTerm9Year - kTerm8Year) < kMinAge) weight = 0;
    weights.push_back(weight);
  }
  for (int picked = 0; picked < kTerm9Continuing; ++picked) {
    int total = 0;
    for (const int weight : weights) total += weight;
    int roll = gen.rng.between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (roll < weights[i]) {
        roster[i].continues_from_term8 = true;
        weights[i] = 0;
        break;
      }
      roll -= weights[i];
    }
  }
  return roster;
}

// Term 8: the continuing members plus those who left, sector by sector about as big as term 9.
std::vector<DemoMember> term8_only_roster(std::vector<DemoMember>& term9, NameBook& names,
                                          UniqueSet& phones, UniqueSet& ids) {
  Generator gen{Rng{kTerm8Seed}, names, phones, ids};
  std::vector<int> leavers;
  int total = 0;
  for (const auto& sector : kSectors) {
    const auto continuing = std::count_if(term9.begin(), term9.end(), [&](const DemoMember& m) {
      return m.sector == sector.name && m.continues_from_term8;
    });
    leavers.push_back(sector.seats - static_cast<int>(continuing));
    total += leavers.back();
  }
  // Term 8 was a little smaller: trim the largest sectors until the count is right.
  while (total > kTerm8OnlyCount) {
    const auto largest = std::max_element(leavers.begin(), leavers.end());
    --*largest;
    --total;
  }

  std::vector<DemoMember> only;
  for (std::size_t s = 0; s < kSectors.size(); ++s) {
    const auto& sector = kSectors.at(s);
    const int seats = leavers[s];
    if (seats <= 0) continue;
    const int cpc = (sector.cpc * seats + sector.seats / 2) / sector.seats;
    const int democratic = (sector.democratic * seats + sector.seats / 2) / sector.seats;
    const int women = (sector.women * seats + sector.seats / 2) / sector.seats;
    const int standing = (sector.standing * seats + sector.seats / 2) / sector.seats;
    const auto parties = sector_parties(gen.rng, sector, seats, cpc, democratic);
    const auto gender = genders(gen.rng, seats, women);
    for (int i = 0; i < seats; ++i) {
      const auto at = static_cast<std::size_t>(i);
      only.push_back(
          make_member(gen, sector, parties[at], gender[at] == "male", i, standing, kTerm8Year));
    }
  }

  // Term-8 numbers go to the whole term-8 roster, in sector order like term 9's.
  std::vector<DemoMember*> term8;
  for (const auto& sector : kSectors) {
    for (auto& member : term9) {
      if (member.sector == sector.name && member.continues_from_term8) term8.push_back(&member);
    }
    for (auto& member : only) {
      if (member.sector == sector.name) term8.push_back(&member);
    }
  }
  for (std::size_t i = 0; i < term8.size(); ++i) {
    term8[i]->term8_member_no = fmt::format("{:02}01{:03}", kTerm8Number, i + 1);
  }
  for (auto& member : only) {
    member.member_no = member.term8_member_no;
    member.email = fmt::format("m{}@example.com", member.member_no);
  }
  return only;
}

// ---------------------------------------------------------------------------------------------
// Experts, units and accounts.

struct ExpertPlan {
  std::string_view kind;
  std::string_view field;
  std::string_view employer;
  std::string_view title;
};

constexpr auto kExperts = std::to_array<ExpertPlan>({
    {"invited", "城市规划", "华南理工大学建筑学院", "教授、博士生导师"},
    {"invited", "城市规划", "广州市城市规划勘测设计研究院", "教授级高级工程师"},
    {"invited", "法律", "中山大学法学院", "教授"},
    {"invited", "法律", "广东正衡律师事务所", "主任、律师"},
    {"invited", "医疗卫生", "中山大学附属第三医院", "主任医师"},
    {"invited", "医疗卫生", "广州市疾病预防控制中心", "主任医师"},
    {"invited", "教育", "华南师范大学教育科学学院", "教授"},
    {"invited", "金融", "暨南大学经济学院", "教授"},
    {"invited", "数字经济", "华南理工大学计算机科学与工程学院", "教授"},
    {"invited", "生态环境", "中国科学院华南植物园", "研究员"},
    {"advisor", "产业经济", "广东省社会科学院", "研究员"},
    {"advisor", "数字经济", "广州云图数据科技有限公司", "首席经济学家"},
    {"advisor", "金融", "广州合盈资产管理有限公司", "首席风险官"},
    {"advisor", "社会治理", "广州市社会科学院", "研究员"},
    {"advisor", "社会治理", "中山大学社会学与人类学学院", "副教授"},
    {"advisor", "文化旅游", "暨南大学管理学院", "教授"},
    {"advisor", "交通规划", "华南理工大学土木与交通学院", "教授"},
    {"advisor", "教育", "天河区教育发展研究院", "正高级教师"},
    {"advisor", "医疗卫生", "暨南大学附属第一医院", "主任医师"},
    {"advisor", "法律", "华南师范大学法学院", "副教授"},
});

std::vector<DemoExpert> experts(NameBook& names, UniqueSet& phones) {
  Rng rng{kExpertSeed};
  constexpr int kMalePercent = 60;
  std::vector<DemoExpert> out;
  out.reserve(kExperts.size());
  for (const auto& plan : kExperts) {
    DemoExpert expert;
    expert.name = names.next(rng, rng.percent(kMalePercent));
    expert.kind = std::string{plan.kind};
    expert.field = std::string{plan.field};
    expert.employer = std::string{plan.employer};
    expert.title = std::string{plan.title};
    expert.phone = mobile_phone(rng, phones);
    out.push_back(std::move(expert));
  }
  return out;
}

std::vector<DemoUnit> units(Rng& rng, NameBook& names, UniqueSet& phones) {
  constexpr int kMalePercent = 50;
  std::vector<DemoUnit> out;
  out.reserve(kUnits.size() + kStreets.size());
  for (const auto& plan : kUnits) {
    out.push_back({std::string{plan.name}, std::string{plan.short_name}, std::string{plan.category},
                   names.next(rng, rng.percent(kMalePercent)), office_phone(rng, phones)});
  }
  for (const auto& street : kStreets) {
    out.push_back({fmt::format("{}办事处", street.name),
                   std::string{street_short_name(street.name)}, std::string{kGovernment},
                   names.next(rng, rng.percent(kMalePercent)), office_phone(rng, phones)});
  }
  return out;
}

struct StaffPlan {
  std::string_view username;
  std::string_view role;
  std::string_view post;
};

constexpr auto kStaff = std::to_array<StaffPlan>({
    {"tianhe_chair", "leader", "主席"},
    {"tianhe_vice1", "leader", "副主席"},
    {"tianhe_vice2", "leader", "副主席"},
    {"tianhe_vice3", "leader", "副主席"},
    {"tianhe_secgen", "leader", "秘书长"},
    {"tianhe_staff1", "staff", "办公室"},
    {"tianhe_staff2", "staff", "提案委员会办公室"},
    {"tianhe_staff3", "staff", "提案委员会办公室"},
    {"tianhe_staff4", "staff", "研究室"},
    {"tianhe_staff5", "staff", "委员联络室"},
    {"tianhe_staff6", "staff", "宣传信息室"},
});

std::vector<DemoAccount> accounts(Rng& rng, NameBook& names) {
  constexpr int kMalePercent = 55;
  std::vector<DemoAccount> out;
  out.reserve(kStaff.size() + 2 * kUnits.size());
  for (const auto& plan : kStaff) {
    out.push_back({std::string{plan.username}, names.next(rng, rng.percent(kMalePercent)),
                   std::string{plan.role}, "", std::string{plan.post}});
  }
  const auto add_unit = [&](std::string_view code, const std::string& unit, bool street) {
    out.push_back({fmt::format("unit_{}_clerk", code), names.next(rng, rng.percent(kMalePercent)),
                   "unit_clerk", unit, street ? "党政综合办公室科员" : "办公室科员"});
    out.push_back({fmt::format("unit_{}_head", code), names.next(rng, rng.percent(kMalePercent)),
                   "unit_head", unit, street ? "办事处副主任" : "副局长"});
  };
  for (const auto& plan : kUnits) {
    if (!plan.code.empty()) add_unit(plan.code, std::string{plan.name}, false);
  }
  for (const auto& street : kStreets) {
    if (street.code == kStreetWithAccounts) {
      add_unit(street.code, fmt::format("{}办事处", street.name), true);
    }
  }
  return out;
}

template <typename Container>
std::vector<DemoReferenceItem> items(const Container& plans) {
  std::vector<DemoReferenceItem> out;
  out.reserve(std::size(plans));
  for (const auto& plan : plans)
    out.push_back({std::string{plan.name}, std::string{plan.code}, ""});
  return out;
}

}  // namespace

DemoData build_demo_data() {
  DemoData data;
  data.sectors = items(kSectors);
  data.parties = items(kParties);
  data.special_committees = items(kSpecialCommittees);
  data.member_groups = items(kMemberGroups);
  data.proposal_categories = items(kProposalCategories);
  data.streets = items(kStreets);
  for (const auto& street : kStreets) {
    int n = 0;
    for (const auto community : street.communities) {
      if (community.empty()) continue;
      data.communities.push_back({std::string{community}, fmt::format("{}-{:02}", street.code, ++n),
                                  std::string{street.name}});
    }
  }
  data.buildings = items(kBuildings);

  // One name book and one set of phones and id numbers across all parts: nobody appears twice.
  NameBook names;
  UniqueSet phones;
  UniqueSet ids;
  data.term9_members = term9_roster(names, phones, ids);
  data.term8_only_members = term8_only_roster(data.term9_members, names, phones, ids);
  data.experts = experts(names, phones);
  Rng unit_rng{kUnitSeed};
  data.units = units(unit_rng, names, phones);
  Rng account_rng{kAccountSeed};
  data.accounts = accounts(account_rng, names);
  return data;
}

const DemoData& demo_data() {
  static const DemoData kData = build_demo_data();
  return kData;
}

}  // namespace lvzhi::seed
