#include "engine/report/report_labels.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <utility>

namespace engine::report {
namespace {

using Words = std::pair<const char*, const char*>;  // English, Arabic

const std::map<std::string, Words>& interface_words() {
  static const std::map<std::string, Words> words{
      {"layers", {"Layers", "الطبقات"}},
      {"legend", {"Legend", "مفتاح الخريطة"}},
      {"colour_by", {"Colour districts by", "تلوين الوحدات حسب"}},
      {"no_data", {"no data", "لا توجد بيانات"}},
      {"click_hint", {"Click a unit on the map or a row of the table to read its numbers.",
                      "انقر على وحدة في الخريطة أو على صف في الجدول لعرض أرقامها."}},
      {"categories_chart", {"Issue categories", "فئات البلاغات"}},
      {"synthetic", {"SYNTHETIC data – invented for demonstration, not evidence of anything",
                     "بيانات اصطناعية – للعرض فقط، وليست دليلاً على أي شيء"}},
      {"offline", {"This file works offline: map, data and code are inside it.",
                   "يعمل هذا الملف دون اتصال: الخريطة والبيانات والبرمجيات كلها بداخله."}},
      {"units_table", {"Units", "الوحدات"}},
      {"sorted_by", {"sorted by", "مرتبة حسب"}},
      {"sort_hint", {"Click a column heading to sort.", "انقر على عنوان العمود للترتيب."}},
      {"issues_per_unit", {"Issues per unit", "البلاغات لكل وحدة"}},
      {"issue_points", {"Issues (precise locations)", "البلاغات (مواقع دقيقة)"}},
      {"type", {"type", "النوع"}},
      {"status", {"status", "الحالة"}},
      {"name", {"Name", "الاسم"}},
      {"code", {"P-code", "الرمز"}},
      {"total", {"total", "المجموع"}},
      {"none", {"none", "لا يوجد"}},
      {"generated", {"Made by localmap from the outputs in", "أُعدّ بواسطة localmap من المخرجات في"}},
      {"scale_note", {"Scale bar true at latitude", "مقياس الرسم صحيح عند خط العرض"}},
      {"projection", {"Web Mercator", "إسقاط ميركاتور"}},
      {"km", {"km", "كم"}},
      {"map_of", {"Map", "خريطة"}},
      {"rows", {"rows", "صفوف"}},
      {"points_hidden", {"Individual issue locations are not shown (sensitive); counts are per unit.",
                         "لا تُعرض مواقع البلاغات الفردية لحساسيتها؛ الأعداد لكل وحدة."}},
      // The priority index and the action plan (priorities.csv, action_plan.csv).
      {"priority", {"Priority", "الأولوية"}},
      {"priority_score", {"Priority score", "درجة الأولوية"}},
      {"rank", {"Rank", "الترتيب"}},
      {"tier", {"Tier", "مستوى الأولوية"}},
      {"of", {"of", "من"}},
      {"breakdown", {"What makes up the score: each indicator's contribution (they add up to the score)",
                     "مكونات الدرجة: مساهمة كل مؤشر (مجموع المساهمات يساوي الدرجة)"}},
      {"indicator", {"Indicator", "المؤشر"}},
      {"contribution", {"Contribution", "المساهمة"}},
      {"raw_value", {"Value", "القيمة"}},
      {"weight", {"weight", "الوزن"}},
      {"lower_first", {"↓ a lower value gives a higher priority", "↓ القيمة الأدنى تعني أولوية أعلى"}},
      {"rank_interval", {"Rank in 90 % of weightings", "الترتيب في 90 % من الأوزان"}},
      {"p_top", {"Probability of being in the top", "احتمال الوقوع ضمن أول"}},
      {"stable", {"stable rank", "ترتيب ثابت"}},
      {"unstable", {"unstable rank: changes with the weights", "ترتيب غير ثابت: يتغير مع الأوزان"}},
      {"action_plan", {"Action plan", "خطة العمل"}},
      {"action_plan_note", {"Districts in priority order: a starter local action plan. Click a row to open the district.",
                            "المديريات مرتبة حسب الأولوية: خطة عمل محلية أولية. انقر على صف لفتح المديرية."}},
      {"not_in_plan", {"Not in the action plan (it lists the top districts only).",
                       "غير مدرجة في خطة العمل (تضم المديريات الأعلى أولوية فقط)."}},
  };
  return words;
}

const std::map<std::string, Words>& known_fields() {
  static const std::map<std::string, Words> words{
      {"population", {"Population", "السكان"}},
      {"area_km2", {"Area (km²)", "المساحة (كم²)"}},
      {"issue_rate_per_10k", {"Issues per 10,000 people", "البلاغات لكل 10,000 نسمة"}},
      {"priority_score", {"Priority score", "درجة الأولوية"}},
      {"priority_rank", {"Priority rank", "ترتيب الأولوية"}},
      {"coverage_share", {"Coverage share", "نسبة التغطية"}},
      {"uncovered_population", {"Uncovered population", "السكان غير المشمولين بالتغطية"}},
      {"hotspot_class", {"Hotspot class", "فئة البؤرة"}},
  };
  return words;
}

const std::map<std::string, Words>& known_groups() {
  static const std::map<std::string, Words> words{
      {"unit", {"Unit", "الوحدة"}},
      {"coverage", {"Coverage", "التغطية"}},
      {"uncovered", {"Coverage gaps", "فجوات التغطية"}},
      {"drivers", {"Local drivers", "المحركات المحلية"}},
      {"driver", {"Local drivers", "المحركات المحلية"}},
      {"lq", {"Location quotients", "معاملات التوطن"}},
      {"hotspot", {"Hotspots", "البؤر الساخنة"}},
      {"change", {"Change between periods", "التغير بين الفترات"}},
      {"coordination", {"Coordination", "التنسيق"}},
      {"coord", {"Coordination", "التنسيق"}},
      {"gap", {"Gaps", "الفجوات"}},
      {"gaps", {"Gaps", "الفجوات"}},
      {"pop", {"Population coverage", "تغطية السكان"}},
      {"nearest", {"Distances", "المسافات"}},
      {"priority", {"Priority", "الأولوية"}},
      {"action", {"Action plan", "خطة العمل"}},
  };
  return words;
}

const std::map<std::string, Words>& known_values() {
  static const std::map<std::string, Words> words{
      {"police_station", {"police station", "مركز شرطة"}},
      {"traffic_police", {"traffic police", "شرطة المرور"}},
      {"operations_room", {"operations room", "غرفة عمليات"}},
      {"security_department", {"security department", "إدارة أمن"}},
      {"operational", {"operational", "عامل"}},
      {"damaged", {"damaged", "متضرر"}},
      {"rehabilitated", {"rehabilitated", "أعيد تأهيله"}},
      {"drugs", {"drugs", "المخدرات"}},
      {"arms", {"arms", "السلاح"}},
      {"gangs", {"gangs", "العصابات"}},
      {"checkpoints", {"checkpoints", "نقاط التفتيش"}},
      {"detention", {"detention conditions", "ظروف الاحتجاز"}},
      {"womens_safety", {"women's safety", "سلامة النساء"}},
      {"women_s_safety", {"women's safety", "سلامة النساء"}},
      {"basic_needs", {"basic needs", "الاحتياجات الأساسية"}},
      {"extremism", {"extremism", "التطرف"}},
      {"security", {"security", "الأمن"}},
      {"advocacy", {"advocacy", "المناصرة"}},
      {"protection", {"protection", "الحماية"}},
      {"women", {"women", "النساء"}},
      {"youth", {"youth", "الشباب"}},
      {"legal_aid", {"legal aid", "المساعدة القانونية"}},
      {"unknown", {"unknown", "غير معروف"}},
      // Priority tiers, hotspot classes, coverage-gap reasons, coordination levels.
      {"high", {"high", "مرتفعة"}},
      {"medium", {"medium", "متوسطة"}},
      {"low", {"low", "منخفضة"}},
      {"hot_99", {"hot spot (99 %)", "بؤرة ساخنة (99 %)"}},
      {"hot_95", {"hot spot (95 %)", "بؤرة ساخنة (95 %)"}},
      {"hot_90", {"hot spot (90 %)", "بؤرة ساخنة (90 %)"}},
      {"cold_99", {"cold spot (99 %)", "بؤرة باردة (99 %)"}},
      {"cold_95", {"cold spot (95 %)", "بؤرة باردة (95 %)"}},
      {"cold_90", {"cold spot (90 %)", "بؤرة باردة (90 %)"}},
      {"not_significant", {"not significant", "غير دالة إحصائياً"}},
      {"island", {"island (no neighbours)", "جزيرة (بلا جوار)"}},
      {"no_partner", {"no partner", "لا يوجد شريك"}},
      {"no_operational_facility", {"no operational facility", "لا يوجد مرفق عامل"}},
      {"issues_beyond_reach", {"issues beyond reach", "بلاغات خارج نطاق التغطية"}},
      {"police", {"police", "الشرطة"}},
      {"local_authority", {"local authority", "السلطة المحلية"}},
      {"governorate", {"governorate", "المحافظة"}},
      {"national", {"national", "المستوى الوطني"}},
  };
  return words;
}

std::string pick(const Words& w, const std::string& lang) { return lang == "ar" ? w.second : w.first; }

std::string humanise(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// The layer a field "n_<layer>..." counts, longest name first; "" if none.
std::string counted_layer(const std::string& field, const std::vector<std::string>& layers) {
  std::string best;
  for (const std::string& layer : layers) {
    const std::string stem = "n_" + layer;
    if ((field == stem || field.rfind(stem + "_", 0) == 0) && layer.size() > best.size()) best = layer;
  }
  return best;
}

const std::map<std::string, Words>& known_indicators() {
  static const std::map<std::string, Words> words{
      {"issue_rate", {"Issues per 10,000 people", "البلاغات لكل 10,000 نسمة"}},
      {"severity_rate", {"Severity-weighted issues per 10,000", "البلاغات المرجحة بالخطورة لكل 10,000 نسمة"}},
      {"drivers", {"Local drivers", "المحركات المحلية"}},
      {"rising_drivers", {"Rising drivers", "المحركات المتصاعدة"}},
      {"hotspot_z", {"Hotspot z-score (Gi*)", "درجة z للبؤرة (Gi*)"}},
      {"uncovered_share", {"Share of area uncovered", "نسبة المساحة غير المغطاة"}},
      {"partners", {"Partner CSOs", "منظمات المجتمع المدني الشريكة"}},
      {"police_reachable", {"Path to the police", "وجود مسار إلى الشرطة"}},
  };
  return words;
}

const std::map<std::string, Words>& plan_columns() {
  static const std::map<std::string, Words> words{
      {"rank", {"Rank", "الترتيب"}},
      {"tier", {"Tier", "مستوى الأولوية"}},
      {"score", {"Score", "الدرجة"}},
      {"why", {"Why (largest contributions)", "السبب (أكبر المساهمات)"}},
      {"issues", {"Issues", "البلاغات"}},
      {"top_drivers", {"Top drivers", "أبرز المحركات"}},
      {"rising", {"Rising issues", "القضايا المتصاعدة"}},
      {"hotspot", {"Hotspot (Gi*)", "البؤرة (Gi*)"}},
      {"lisa_cluster", {"LISA cluster", "عنقود LISA"}},
      {"coverage_gap", {"Coverage gap", "فجوة التغطية"}},
      {"partners_present", {"Partners present", "الشركاء الموجودون"}},
      {"missing_links", {"Missing coordination links", "روابط التنسيق المفقودة"}},
      {"stability", {"Stability of the rank", "ثبات الترتيب"}},
  };
  return words;
}

}  // namespace

std::string indicator_label(const std::string& name, const std::string& lang) {
  if (const auto it = known_indicators().find(name); it != known_indicators().end()) return pick(it->second, lang);
  if (const auto it = known_fields().find(name); it != known_fields().end()) return pick(it->second, lang);
  return capitalised(humanise(name));
}

std::string plan_column_label(const std::string& column, const std::string& lang) {
  if (const auto it = plan_columns().find(column); it != plan_columns().end()) return pick(it->second, lang);
  return capitalised(humanise(column));
}

nlohmann::json interface_strings(const std::string& lang) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, words] : interface_words()) out[key] = pick(words, lang);
  return out;
}

std::string interface_string(const std::string& key, const std::string& lang) {
  const auto it = interface_words().find(key);
  return it == interface_words().end() ? key : pick(it->second, lang);
}

std::string level_label(const std::string& level, const std::string& lang) {
  static const std::map<std::string, Words> words{
      {"governorates", {"Governorates", "المحافظات"}}, {"districts", {"Districts", "المديريات"}},
      {"subdistricts", {"Sub-districts", "العزل"}},     {"regions", {"Regions", "الأقاليم"}},
      {"provinces", {"Provinces", "المحافظات"}},        {"countries", {"Countries", "الدول"}},
  };
  const auto it = words.find(level);
  return it == words.end() ? capitalised(humanise(level)) : pick(it->second, lang);
}

std::string unit_label(const std::string& level, const std::string& lang) {
  static const std::map<std::string, Words> words{
      {"governorates", {"Governorate", "المحافظة"}}, {"districts", {"District", "المديرية"}},
      {"subdistricts", {"Sub-district", "العزلة"}},   {"regions", {"Region", "الإقليم"}},
      {"provinces", {"Province", "المحافظة"}},        {"countries", {"Country", "الدولة"}},
  };
  const auto it = words.find(level);
  return it == words.end() ? capitalised(humanise(level)) : pick(it->second, lang);
}

std::string layer_label(const std::string& layer, const std::string& role, const std::string& lang) {
  static const std::map<std::string, Words> roles{
      {"facilities", {"Security facilities", "المرافق الأمنية"}},
      {"partners", {"Partner CSOs", "منظمات المجتمع المدني الشريكة"}},
      {"issues", {"Reported issues", "البلاغات المجتمعية"}},
  };
  const auto it = roles.find(role);
  if (it != roles.end() && (layer == role || layer.empty())) return pick(it->second, lang);
  return capitalised(humanise(layer));
}

std::string field_group(const std::string& field, const std::vector<std::string>& layers) {
  static const std::regex admin("ADM[0-9]+_.*");
  if (std::regex_match(field, admin)) return "names";
  if (field == "population" || field == "area_km2") return "unit";
  if (field == "issue_rate_per_10k") {
    for (const std::string& layer : layers)
      if (layer == "issues") return layer;
    return "unit";
  }
  const std::string layer = counted_layer(field, layers);
  if (!layer.empty()) return layer;
  const std::size_t cut = field.find('_');
  return cut == std::string::npos || cut == 0 ? field : field.substr(0, cut);
}

std::string group_label(const std::string& group, const std::vector<std::string>& layers,
                        const std::vector<std::string>& roles, const std::string& lang) {
  for (std::size_t i = 0; i < layers.size() && i < roles.size(); ++i)
    if (layers[i] == group) return layer_label(layers[i], roles[i], lang);
  const auto it = known_groups().find(group);
  return it == known_groups().end() ? capitalised(humanise(group)) : pick(it->second, lang);
}

std::string headline_label(const std::string& field, const std::vector<std::string>& layers,
                           const std::vector<std::string>& roles, const std::string& lang) {
  for (std::size_t i = 0; i < layers.size() && i < roles.size(); ++i)
    if (field == "n_" + layers[i]) return layer_label(layers[i], roles[i], lang);
  return field_label(field, layers, lang);
}

std::string value_label(const std::string& slug, const std::string& lang) {
  const auto it = known_values().find(slug);
  return it == known_values().end() ? humanise(slug) : pick(it->second, lang);
}

std::string field_label(const std::string& field, const std::vector<std::string>& layers, const std::string& lang) {
  if (const auto it = known_fields().find(field); it != known_fields().end()) return pick(it->second, lang);
  const std::string layer = counted_layer(field, layers);
  if (!layer.empty()) {
    if (field == "n_" + layer) return interface_string("total", lang);
    // n_<layer>_<role>_<value>: "<role>: <value>"
    const std::string rest = field.substr(layer.size() + 3);
    for (const char* role : {"type", "status", "category"}) {
      const std::string prefix = std::string(role) + "_";
      if (rest.rfind(prefix, 0) == 0)
        return (std::string(role) == "category" ? std::string() : interface_string(role, lang) + ": ") +
               value_label(rest.substr(prefix.size()), lang);
    }
    return humanise(rest);
  }
  const std::size_t cut = field.find('_');
  return humanise(cut == std::string::npos ? field : field.substr(cut + 1));
}

}  // namespace engine::report
