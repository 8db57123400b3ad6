// The national transliteration (Cabinet of Ministers Resolution No. 55 of 27.01.2010): the
// examples of the resolution's table (and a few more place names), word starts, capitals, what is kept.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "clir/core/transliterate.hpp"

namespace {

TEST(Transliterate, ExamplesOfTheResolutionsTable) {
  const std::vector<std::pair<const char*, const char*>> examples = {
      {"Алушта", "Alushta"},       {"Андрій", "Andrii"},        {"Борщагівка", "Borshchahivka"},
      {"Борисенко", "Borysenko"},  {"Вінниця", "Vinnytsia"},    {"Володимир", "Volodymyr"},
      {"Гадяч", "Hadiach"},        {"Богдан", "Bohdan"},        {"Згурський", "Zghurskyi"},
      {"Ґалаґан", "Galagan"},      {"Ґорґани", "Gorgany"},      {"Донецьк", "Donetsk"},
      {"Дмитро", "Dmytro"},        {"Рівне", "Rivne"},          {"Олег", "Oleh"},
      {"Есмань", "Esman"},         {"Єнакієве", "Yenakiieve"},  {"Гаєвич", "Haievych"},
      {"Короп'є", "Koropie"},      {"Житомир", "Zhytomyr"},     {"Жанна", "Zhanna"},
      {"Жежелів", "Zhezheliv"},    {"Закарпаття", "Zakarpattia"}, {"Казимирчук", "Kazymyrchuk"},
      {"Медвин", "Medvyn"},        {"Михайленко", "Mykhailenko"}, {"Іванків", "Ivankiv"},
      {"Іващенко", "Ivashchenko"}, {"Їжакевич", "Yizhakevych"}, {"Кадиївка", "Kadyivka"},
      {"Мар'їне", "Marine"},       {"Йосипівка", "Yosypivka"},  {"Стрий", "Stryi"},
      {"Олексій", "Oleksii"},      {"Київ", "Kyiv"},            {"Коваленко", "Kovalenko"},
      {"Лебедин", "Lebedyn"},      {"Леонід", "Leonid"},        {"Мирогощанка", "Myrohoshchanka"},
      {"Миколаїв", "Mykolaiv"},    {"Маринич", "Marynych"},     {"Ніжин", "Nizhyn"},
      {"Наталія", "Nataliia"},     {"Одеса", "Odesa"},          {"Онищенко", "Onyshchenko"},
      {"Полтава", "Poltava"},      {"Петро", "Petro"},          {"Решетилівка", "Reshetylivka"},
      {"Рибчинський", "Rybchynskyi"}, {"Суми", "Sumy"},         {"Соломія", "Solomiia"},
      {"Тернопіль", "Ternopil"},   {"Троць", "Trots"},          {"Ужгород", "Uzhhorod"},
      {"Уляна", "Uliana"},         {"Фастів", "Fastiv"},        {"Філіпчук", "Filipchuk"},
      {"Харків", "Kharkiv"},       {"Христина", "Khrystyna"},   {"Біла Церква", "Bila Tserkva"},
      {"Стеценко", "Stetsenko"},   {"Чернівці", "Chernivtsi"},  {"Шевченко", "Shevchenko"},
      {"Шостка", "Shostka"},       {"Кишеньки", "Kyshenky"},    {"Щербухи", "Shcherbukhy"},
      {"Гоща", "Hoshcha"},         {"Гаращенко", "Harashchenko"}, {"Юрій", "Yurii"},
      {"Корюківка", "Koriukivka"}, {"Яготин", "Yahotyn"},       {"Ярошенко", "Yaroshenko"},
      {"Костянтин", "Kostiantyn"}, {"Знам'янка", "Znamianka"},  {"Феодосія", "Feodosiia"},
      {"Згорани", "Zghorany"},     {"Розгон", "Rozghon"},       {"Ічня", "Ichnia"},
  };
  for (const auto& [uk, latin] : examples) EXPECT_EQ(clir::transliterate_uk(uk), latin) << uk;
}

TEST(Transliterate, WordStartsCapitalsAndWhatIsKept) {
  EXPECT_EQ(clir::transliterate_uk("Івано-Франківська"), "Ivano-Frankivska");
  EXPECT_EQ(clir::transliterate_uk("Кам'янець-Подільська"), "Kamianets-Podilska");
  EXPECT_EQ(clir::transliterate_uk("Нова Ушиця, 2024"), "Nova Ushytsia, 2024");
  EXPECT_EQ(clir::transliterate_uk("ЖИТОМИР"), "ZHYTOMYR");
  EXPECT_EQ(clir::transliterate_uk("ЩОРС і Ялта"), "SHCHORS i Yalta");
  EXPECT_EQ(clir::transliterate_uk("Пʼятихатська"), "Piatykhatska");  // U+02BC apostrophe
  EXPECT_EQ(clir::transliterate_uk("Mixed Київ"), "Mixed Kyiv");
  EXPECT_EQ(clir::transliterate_uk("'Яр'"), "'Yar'");  // quotes around a word are kept
  EXPECT_EQ(clir::transliterate_uk(""), "");
  EXPECT_EQ(clir::transliterate_uk("ы"), "ы");            // not a Ukrainian letter: kept
  EXPECT_EQ(clir::transliterate_uk("a\xff" "b"), "a\xff" "b");  // invalid UTF-8 copied unchanged
}

}  // namespace
