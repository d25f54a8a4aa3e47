#pragma once
// The words for programme activities: which kinds exist, with English and
// Arabic labels and the spellings accepted in the data.
//
//   code                  English label                      Arabic label
//   security_grant        Security and safety grant           منحة أمن وسلامة
//   advocacy_grant        Advocacy grant                      منحة مناصرة
//   campaign              Awareness or advocacy campaign      حملة توعية ومناصرة
//   local_forum           Local forum                         منتدى محلي
//   community_dialogue    Community dialogue                  حوار مجتمعي
//   round_table           Round table (governorate, national) طاولة مستديرة
//   safe_space_session    Safe-space session                  جلسة مساحة آمنة
//   training              Training of security/justice staff  تدريب
//   infrastructure_works  Infrastructure works (build, rehabilitate)  أعمال بنية تحتية
//   equipment             Equipment and furnishing            تجهيز وتأثيث
//
// A project adds types in `activities.types`.  Values in the data are matched
// to a code, label, Arabic label or alias after folding case and turning
// runs of spaces, '_', '-', '/' and '\'' into one '_' (as the coordination
// vocabulary does): "Round Table" and "round-table" are round_table.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace engine::activities {

struct ActivityType {
  std::string code, label, label_ar;
  std::vector<std::string> aliases;
};

class ActivityTypes {
 public:
  static ActivityTypes standard();
  // Throws engine::Error when the code or a spelling is already taken.
  void add(ActivityType type);
  // Index of the type a data value names, or -1.
  int index_of(std::string_view value) const;
  const std::vector<ActivityType>& types() const { return types_; }
  std::string codes() const;  // "security_grant, advocacy_grant, ..." for hints

 private:
  std::vector<ActivityType> types_;
  std::unordered_map<std::string, int> words_;  // folded spelling -> index
};

}  // namespace engine::activities
