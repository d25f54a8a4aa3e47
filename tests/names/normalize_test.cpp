// Every normalisation rule of arabic_normalize.hpp and latin_normalize.hpp,
// one at a time, with expected forms written by hand from the rule's text.

#include <gtest/gtest.h>

#include "engine/names/arabic_normalize.hpp"
#include "engine/names/latin_normalize.hpp"
#include "engine/names/name_key.hpp"
#include "engine/names/unicode_text.hpp"

namespace {

using engine::names::NormalizeRules;
using engine::names::normalize_arabic;
using engine::names::normalize_latin;

NormalizeRules keep_article() {
  NormalizeRules r;
  r.strip_article = false;
  return r;
}

NormalizeRules strip_words() {
  NormalizeRules r;
  r.strip_words = true;
  return r;
}

TEST(UnicodeText, NfcComposesAndScriptsAreRecognised) {
  EXPECT_EQ(engine::names::to_nfc("e\xCC\x81"), "\xC3\xA9");               // e + combining acute -> é
  EXPECT_EQ(engine::names::to_nfc("\u0627\u0654"), "\u0623");               // alef + hamza above -> أ
  EXPECT_EQ(engine::names::script_of(U'\u0644'), engine::names::Script::Arabic);
  EXPECT_EQ(engine::names::script_of(U'q'), engine::names::Script::Latin);
  EXPECT_EQ(engine::names::script_of(U'7'), engine::names::Script::Other);
  EXPECT_EQ(engine::names::digit_value(U'\u0663'), 3);  // Arabic-Indic three
  EXPECT_EQ(engine::names::digit_value(U'\u06F7'), 7);  // Eastern Arabic-Indic seven
}

TEST(ArabicNormalize, RemovesTashkeelAndShadda) {
  EXPECT_EQ(normalize_arabic("الحُدَيْدَة", keep_article()), "الحديده");
  EXPECT_EQ(normalize_arabic("الصَّافِيَة", keep_article()), "الصافيه");
  EXPECT_EQ(normalize_arabic("عَدَنٌ"), "عدن");                 // tanween
  EXPECT_EQ(normalize_arabic("هٰذا"), "هذا");                   // superscript alef
}

TEST(ArabicNormalize, RemovesTatweel) { EXPECT_EQ(normalize_arabic("عـــدن"), "عدن"); }

TEST(ArabicNormalize, UnifiesAlefForms) {
  EXPECT_EQ(normalize_arabic("أبين"), "ابين");
  EXPECT_EQ(normalize_arabic("إب"), "اب");
  EXPECT_EQ(normalize_arabic("آزال"), "ازال");
  EXPECT_EQ(normalize_arabic("ٱبين"), "ابين");  // alef wasla
  // The same letter typed decomposed (alef + combining hamza) after NFC.
  EXPECT_EQ(normalize_arabic("\u0627\u0654\u0628\u064A\u0646"), "ابين");
}

TEST(ArabicNormalize, UnifiesAlefMaqsuraAndFarsiYeh) {
  EXPECT_EQ(normalize_arabic("سقطرى"), "سقطري");
  EXPECT_EQ(normalize_arabic("سقطر\u06CC"), "سقطري");
}

TEST(ArabicNormalize, UnifiesTaaMarbuta) {
  EXPECT_EQ(normalize_arabic("حجة"), "حجه");
  EXPECT_EQ(normalize_arabic("حجة"), normalize_arabic("حجه"));
}

TEST(ArabicNormalize, UnifiesHamzaCarriersAndDropsLooseHamza) {
  EXPECT_EQ(normalize_arabic("مؤسسة"), "موسسه");
  EXPECT_EQ(normalize_arabic("ذئب"), "ذيب");
  EXPECT_EQ(normalize_arabic("مأرب"), normalize_arabic("مارب"));
  EXPECT_EQ(normalize_arabic("ثلاء"), "ثلا");
  EXPECT_EQ(normalize_arabic("المخاء"), normalize_arabic("المخا"));
}

TEST(ArabicNormalize, ArabicIndicDigitsBecomeAscii) {
  EXPECT_EQ(normalize_arabic("حي ٣"), "حي 3");
  EXPECT_EQ(normalize_arabic("حي ۱۲"), "حي 12");
}

TEST(ArabicNormalize, PresentationFormsAndLigaturesBecomeLetters) {
  EXPECT_EQ(normalize_arabic("\uFECB\uFEAA\uFEE5"), "عدن");  // isolated/final presentation forms
  EXPECT_EQ(normalize_arabic("\uFEFB"), "لا");                // lam-alef ligature
}

TEST(ArabicNormalize, PunctuationAndOtherScriptsSeparateWords) {
  EXPECT_EQ(normalize_arabic("لحج، ردفان"), "لحج ردفان");
  EXPECT_EQ(normalize_arabic("لحج-ردفان"), "لحج ردفان");
  EXPECT_EQ(normalize_arabic("Radfan ردفان"), "ردفان");
}

TEST(ArabicNormalize, ArticleIsStrippedFromLongWordsOnly) {
  EXPECT_EQ(normalize_arabic("الحوطة"), "حوطه");
  EXPECT_EQ(normalize_arabic("الحوطة", keep_article()), "الحوطه");
  EXPECT_EQ(normalize_arabic("الم"), "الم");    // three letters: not an article + word
  EXPECT_EQ(normalize_arabic("الله"), "الله");  // never from Allah
}

TEST(ArabicNormalize, ConjunctionGluedToArticleIsSplitOff) {
  EXPECT_EQ(normalize_arabic("خب والشعف"), normalize_arabic("خب و الشعف"));
  EXPECT_EQ(normalize_arabic("خب والشعف"), "خب و شعف");
}

TEST(ArabicNormalize, GenericWordsAreStrippedOnlyWhenAsked) {
  EXPECT_EQ(normalize_arabic("مديرية ردفان"), "مديريه ردفان");
  EXPECT_EQ(normalize_arabic("مديرية ردفان", strip_words()), "ردفان");
  EXPECT_EQ(normalize_arabic("محافظة لحج", strip_words()), "لحج");
  EXPECT_EQ(normalize_arabic("عزلة الحبيلين", strip_words()), "حبيلين");
  EXPECT_EQ(normalize_arabic("مديرية", strip_words()), "مديريه");  // nothing else left: kept whole
  NormalizeRules own = strip_words();
  own.words = {"ناحية"};
  EXPECT_EQ(normalize_arabic("مديرية ردفان", own), "مديريه ردفان");  // own list replaces the defaults
}

TEST(ArabicNormalize, EmptyAndLetterlessText) {
  EXPECT_EQ(normalize_arabic(""), "");
  EXPECT_EQ(normalize_arabic("   "), "");
  EXPECT_EQ(normalize_arabic("Aden"), "");
}

TEST(ArabicNormalize, SoundKeyMergesDadAndZahAndDropsLongVowels) {
  const auto key = [](const std::string& s) { return engine::names::arabic_sound_key(engine::names::arabic_words(s).at(0)); };
  EXPECT_EQ(key("الغيضة"), key("الغيظة"));
  EXPECT_EQ(key("حالمين"), key("حلمين"));
  EXPECT_NE(key("ردفان"), key("رصد"));
}

TEST(LatinNormalize, CaseAccentsAndFullWidthFold) {
  EXPECT_EQ(normalize_latin("ADEN"), "aden");
  EXPECT_EQ(normalize_latin("Ḥaḍramawt"), "hadramawt");
  EXPECT_EQ(normalize_latin("\uFF21\uFF24\uFF25\uFF2E"), "aden");  // full-width ＡＤＥＮ
}

TEST(LatinNormalize, ApostrophesAndAynSignsDisappear) {
  EXPECT_EQ(normalize_latin("Sana'a"), "sana");
  EXPECT_EQ(normalize_latin("Sana’a"), "sana");
  EXPECT_EQ(normalize_latin("Sanʿaʾ"), "sana");
  EXPECT_EQ(normalize_latin("Ta'iz"), normalize_latin("Taizz"));
}

TEST(LatinNormalize, HyphensUnderscoresAndOtherScriptsSeparateWords) {
  EXPECT_EQ(normalize_latin("Al-Hodeidah"), normalize_latin("Al Hudaydah"));
  EXPECT_EQ(normalize_latin("Al_Rusayfa", keep_article()), "al rusayfa");
  EXPECT_EQ(normalize_latin("Radfan ردفان"), "radfan");
}

TEST(LatinNormalize, ArticlesAndSunLetterAssimilation) {
  EXPECT_EQ(normalize_latin("Al Hawtah"), "hawta");
  EXPECT_EQ(normalize_latin("El Hawtah"), "hawta");
  EXPECT_EQ(normalize_latin("As Sawd"), "sawd");
  EXPECT_EQ(normalize_latin("Ash Shaykh Othman"), "shaykh uthman");
  EXPECT_EQ(normalize_latin("Adh Dhihar"), "dhihar");
  EXPECT_EQ(normalize_latin("Attawahi"), "tawahi");      // attached, assimilated
  EXPECT_EQ(normalize_latin("Alluhayah"), "luhaya");
  EXPECT_EQ(normalize_latin("Azzal"), "azal");           // too short to be article + word
  EXPECT_EQ(normalize_latin("Wadi Al"), "wadi al");      // an article stands before a word
  EXPECT_EQ(normalize_latin("At Tawahi", keep_article()), "at tawahi");
}

TEST(LatinNormalize, AndBecomesWa) {
  EXPECT_EQ(normalize_latin("Khab and Al-Sha'af"), normalize_latin("Khab wa ash Sha'af"));
  EXPECT_EQ(normalize_latin("Khab & Shaf"), "khab wa shaf");
}

TEST(LatinNormalize, DoubledLettersOnce) {
  EXPECT_EQ(normalize_latin("Hajjah"), "haja");
  EXPECT_EQ(normalize_latin("Azaal"), "azal");
  EXPECT_EQ(normalize_latin("Qafl Shammar"), normalize_latin("Qafl Shamar"));
}

TEST(LatinNormalize, CommonVowelVariants) {
  EXPECT_EQ(normalize_latin("Hobeish"), normalize_latin("Hubaysh"));
  EXPECT_EQ(normalize_latin("Outhman"), normalize_latin("Othman"));
  EXPECT_EQ(normalize_latin("Haleem"), "halim");
  EXPECT_EQ(normalize_latin("Az Zaydiyah"), normalize_latin("Az Zaydiah"));
  EXPECT_EQ(normalize_latin("Al Mansura"), normalize_latin("Al Mansurah"));
  EXPECT_EQ(normalize_latin("Al Odayn"), normalize_latin("Al Udayn"));
  EXPECT_NE(normalize_latin("Salh"), normalize_latin("Salah"));  // h after a consonant stays
}

TEST(LatinNormalize, GenericWordsAreStrippedOnlyWhenAsked) {
  EXPECT_EQ(normalize_latin("Radfan District"), "radfan district");
  EXPECT_EQ(normalize_latin("Radfan District", strip_words()), "radfan");
  EXPECT_EQ(normalize_latin("Lahj Governorate", strip_words()), "lahj");
  EXPECT_EQ(normalize_latin("Sub-district Al Habilayn", strip_words()), "habilayn");
  EXPECT_EQ(normalize_latin("Ma'rib City", strip_words()), "marib city");  // city tells units apart
}

TEST(LatinNormalize, EmptyAndLetterlessText) {
  EXPECT_EQ(normalize_latin(""), "");
  EXPECT_EQ(normalize_latin(" - "), "");
  EXPECT_EQ(normalize_latin("عدن"), "");
  EXPECT_EQ(normalize_latin("Zone 3"), "zune 3");
}

TEST(LatinNormalize, SoundKeyMergesConfusedLettersAndVowels) {
  const auto key = [](const std::string& s) { return engine::names::latin_sound_key(engine::names::latin_words(s).at(0)); };
  EXPECT_EQ(key("Zingibar"), key("Zinjibar"));  // Egyptian g
  EXPECT_EQ(key("Al Milah"), key("Al Malah"));  // vowel quality
  EXPECT_EQ(key("Khwlan"), key("Khawlan"));     // a vowel written as w
  EXPECT_EQ(key("Wadhrah"), key("Wadrah"));     // dh / d
  EXPECT_EQ(key("Qa'tabah"), key("Katabah"));   // q / k
  EXPECT_NE(key("Ghayl"), key("Jayl"));         // gh is not g
}

TEST(NameKeys, OneKeyPerScriptAndNoneWithoutLetters) {
  NormalizeRules rules;
  EXPECT_TRUE(engine::names::make_keys("", rules).empty());
  EXPECT_TRUE(engine::names::make_keys("123 - 4", rules).empty());
  const auto mixed = engine::names::make_keys("Radfan ردفان", rules);
  ASSERT_EQ(mixed.size(), 2u);
  EXPECT_EQ(mixed[0].script, engine::names::Script::Arabic);
  EXPECT_EQ(engine::names::to_utf8(mixed[0].full), "ردفان");
  EXPECT_EQ(mixed[1].script, engine::names::Script::Latin);
  EXPECT_EQ(engine::names::to_utf8(mixed[1].full), "radfan");
  // Spaces do not count in the compared form.
  EXPECT_EQ(engine::names::make_keys("ولد ربيع", rules)[0].full, engine::names::make_keys("ولدربيع", rules)[0].full);
}

TEST(NameKeys, WordPairingKeepsSharedFirstWordsApart) {
  NormalizeRules rules;
  auto key = [&](const std::string& s) { return engine::names::make_keys(s, rules).at(0); };
  // Letters alone would score these high (same first word); words do not.
  EXPECT_LT(engine::names::fuzzy_similarity(key("Wusab As Safil"), key("Wusab Al Aali"), 0.03), 0.9);
  EXPECT_LT(engine::names::fuzzy_similarity(key("Hajjah"), key("Hajjah City"), 0.03), 0.9);
  // Order of words does not matter; spelling variants of each word are forgiven.
  EXPECT_GT(engine::names::fuzzy_similarity(key("Jabal Iyal Yazid"), key("Jabal Eyal Yazid"), 0.03), 0.95);
  EXPECT_GT(engine::names::fuzzy_similarity(key("Habur Dhulaymat"), key("Dhulaymat Habur"), 0.03), 0.99);
  // A spacing variant keeps its letter score.
  EXPECT_GT(engine::names::fuzzy_similarity(key("Dhi Bin"), key("Dhibain"), 0.03), 0.9);
}

}  // namespace
