#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>

#include "clir/core/table.hpp"
#include "clir/io/csv.hpp"
#include "support/support.hpp"

namespace {

namespace fs = std::filesystem;

// Fixtures of this area live in tests/io/data (CLIR_TEST_DATA_DIR is the shared tests/data).
const std::string io_data_dir = CLIR_SOURCE_DIR "/tests/io/data";
std::string data_file(const char* name) { return io_data_dir + "/" + name; }

// Runs @p f, which must throw E, and returns the full what() text (empty when nothing threw).
template <class E = clir::InputError, class F>
std::string error_of(F&& f) {
  return clir_test::error_message<E>(f);
}

// ---------------------------------------------------------------------------------------------
// Good input

TEST(CsvRead, QuotedFieldsWithDelimitersAndDoubledQuotes) {
  const auto doc = clir::parse_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",plain\n", "t.csv");
  ASSERT_EQ(doc.row_count(), 1u);
  EXPECT_EQ(doc.delimiter(), ',');
  EXPECT_EQ(doc.cell(0, 0), "x, y");
  EXPECT_EQ(doc.cell(0, 1), "say \"hi\"");
  EXPECT_EQ(doc.cell(0, 2), "plain");
}

TEST(CsvRead, EmbeddedNewlinesKeepPhysicalLineNumbers) {
  const auto doc = clir::parse_csv("id,note\n1,\"two\nlines\"\n2,\"three\n\nlines\"\n3,x", "t.csv");
  ASSERT_EQ(doc.row_count(), 3u);
  EXPECT_EQ(doc.cell(0, 1), "two\nlines");
  EXPECT_EQ(doc.cell(1, 1), "three\n\nlines");
  EXPECT_EQ(doc.line(0), 2u);
  EXPECT_EQ(doc.line(1), 4u);
  EXPECT_EQ(doc.line(2), 7u);  // last line without a final line break
}

TEST(CsvRead, EmptyFieldsAndTrailingDelimiter) {
  const auto doc = clir::parse_csv("a,b,c\n,,\n1,,\n", "t.csv");
  ASSERT_EQ(doc.row_count(), 2u);
  EXPECT_EQ(doc.cell(0, 0), "");
  EXPECT_EQ(doc.cell(1, 0), "1");
  EXPECT_EQ(doc.cell(1, 2), "");
}

TEST(CsvRead, CrlfLineEnds) {
  const auto doc = clir::parse_csv("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n", "t.csv");
  ASSERT_EQ(doc.row_count(), 2u);
  EXPECT_EQ(doc.cell(0, 1), "x\r\ny");  // line breaks inside quotes are kept as written
  EXPECT_EQ(doc.cell(1, 1), "z");
  EXPECT_EQ(doc.line(1), 4u);
}

TEST(CsvRead, BomSemicolonAndCrlfFromFile) {
  const auto doc = clir::read_csv(data_file("bom_semicolon_crlf.csv"));
  EXPECT_EQ(doc.delimiter(), ';');
  ASSERT_EQ(doc.header().size(), 3u);
  EXPECT_EQ(doc.header()[0], "code");  // the BOM is not part of the first name
  ASSERT_EQ(doc.row_count(), 2u);
  EXPECT_EQ(doc.cell(0, 1), "Name; with \"quotes\"\r\nand a line break");
  EXPECT_EQ(doc.line(1), 4u);
  EXPECT_EQ(doc.cell(1, 2), "");
  EXPECT_EQ(doc.source(), data_file("bom_semicolon_crlf.csv"));
}

TEST(CsvRead, DelimiterDetectionIgnoresQuotedCharacters) {
  // Two ';' inside quotes must not outvote the commas.
  const auto doc = clir::parse_csv("\"a;b;c\",d\n1,2\n", "t.csv");
  EXPECT_EQ(doc.delimiter(), ',');
  EXPECT_EQ(doc.header()[0], "a;b;c");
  const auto forced = clir::parse_csv("a,b;c\n1,2;3\n", "t.csv", {.delimiter = ';'});
  EXPECT_EQ(forced.header()[0], "a,b");
  const auto tabs = clir::parse_csv("a\tb\n1\t2\n", "t.tsv", {.delimiter = '\t'});
  EXPECT_EQ(tabs.cell(0, 1), "2");
}

TEST(CsvRead, SingleColumnAndTrailingBlankLines) {
  const auto doc = clir::parse_csv("name\nx\n\"\"\ny\n\n\r\n", "t.csv");
  ASSERT_EQ(doc.row_count(), 3u);
  EXPECT_EQ(doc.cell(1, 0), "");
  EXPECT_EQ(doc.column_count(), 1u);
}

TEST(CsvRead, Utf8CellsAreKept) {
  const auto doc = clir::read_csv(data_file("communities.csv"));
  ASSERT_EQ(doc.row_count(), 2u);
  EXPECT_EQ(doc.cell(0, doc.column("name_uk")), "Баришівська");
  EXPECT_EQ(doc.cell(1, 1), "Київ, місто");
  EXPECT_EQ(doc.row(1).size(), 5u);
  const auto loc = doc.location(1, 2);
  EXPECT_EQ(loc.line, 3u);
  EXPECT_EQ(loc.column, 3u);
  EXPECT_EQ(loc.key, "lat");
  EXPECT_EQ(doc.find_column("nope"), std::nullopt);
  EXPECT_EQ(doc.find_column("lon"), 3u);
}

TEST(CsvRead, HeaderOnlyAllowedWhenAsked) {
  const auto doc = clir::parse_csv("a,b\n", "t.csv", {.allow_no_rows = true});
  EXPECT_EQ(doc.row_count(), 0u);
  EXPECT_EQ(doc.column_count(), 2u);
}

TEST(CsvRead, DocumentFromMemory) {
  const clir::CsvDocument doc("<memory>", {"a", "b"}, {{"1", "2"}, {"3", "4"}});
  EXPECT_EQ(doc.cell(1, 1), "4");
  EXPECT_EQ(doc.line(1), 3u);
  EXPECT_EQ(error_of([] { clir::CsvDocument("<memory>", {"a", "b"}, {{"1"}}); }),
            "<memory>:2: expected 2 fields as in the header, found 1");
}

TEST(Utf8, RejectsMalformedSequences) {
  using clir::detail::find_invalid_utf8;
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("Київ € 𝄞"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);        // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);       // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);    // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);    // invalid lead byte
  EXPECT_EQ(find_invalid_utf8("abc\xD0"), 3u);             // truncated at the end
  EXPECT_EQ(find_invalid_utf8("\xD0\x41"), 0u);            // bad continuation
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);                // lone continuation
}

// ---------------------------------------------------------------------------------------------
// Bad input: every message is checked in full.

TEST(CsvErrors, UnterminatedQuoteNamesWhereItOpened) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n1,2\n3,\"open\n4,5\n", "u.csv"); }),
            "u.csv:3:2: unterminated quoted field: the quote opened here is never closed");
}

TEST(CsvErrors, RaggedRow) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b,c\n1,2,3\n4,5\n", "r.csv"); }),
            "r.csv:3: expected 3 fields as in the header, found 2");
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n1,2,3\n", "r.csv"); }),
            "r.csv:2: expected 2 fields as in the header, found 3");
}

TEST(CsvErrors, DuplicateHeader) {
  EXPECT_EQ(error_of([] { clir::parse_csv("code,lat,code\n1,2,3\n", "d.csv"); }),
            "d.csv:1:3: 'code': duplicate column name 'code' (fields 1 and 3)");
}

TEST(CsvErrors, EmptyColumnName) {
  EXPECT_EQ(error_of([] { clir::parse_csv(",x\n1,2\n", "e.csv"); }),
            "e.csv:1:1: empty column name in the header");
}

TEST(CsvErrors, MissingRequiredColumnListsAvailable) {
  const auto doc = clir::parse_csv("code,Lat ,lon\nUA1,1,2\n", "m.csv");
  EXPECT_EQ(error_of([&] { (void)doc.column("population"); }),
            "m.csv: 'population': missing required column 'population'; available columns: code, Lat , lon");
  EXPECT_EQ(error_of([&] { (void)doc.column("lat"); }),
            "m.csv: 'lat': missing required column 'lat'; available columns: code, Lat , lon (did you mean 'Lat '?)");
}

TEST(CsvErrors, InvalidUtf8FromFile) {
  const auto path = data_file("cp1252.csv");
  EXPECT_EQ(error_of([&] { clir::read_csv(path); }),
            path + ":3:2: invalid UTF-8 (byte 0xE9 at byte 4 of the field); save the file as UTF-8");
}

TEST(CsvErrors, InvalidUtf8InsideMultilineField) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n1,\"ok\nstill ok\n\xFF\"\n", "m.csv"); }),
            "m.csv:4:2: invalid UTF-8 (byte 0xFF at byte 13 of the field); save the file as UTF-8");
}

TEST(CsvErrors, Utf16IsNamed) {
  EXPECT_EQ(error_of([] { clir::parse_csv(std::string_view("\xFF\xFE" "a\0", 4), "w.csv"); }),
            "w.csv:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
}

TEST(CsvErrors, EmptyFile) {
  const auto path = data_file("empty.csv");
  EXPECT_EQ(error_of([&] { clir::read_csv(path); }), path + ": the file is empty; expected a header line");
  EXPECT_EQ(error_of([] { clir::parse_csv("\xEF\xBB\xBF", "bom.csv"); }),
            "bom.csv: the file is empty; expected a header line");
}

TEST(CsvErrors, HeaderOnly) {
  const auto path = data_file("header_only.csv");
  EXPECT_EQ(error_of([&] { clir::read_csv(path); }), path + ":1: no data rows after the header");
}

TEST(CsvErrors, FileDoesNotExist) {
  const auto path = data_file("no_such_file.csv");
  EXPECT_EQ(error_of([&] { clir::read_csv(path); }), path + ": the file does not exist");
}

TEST(CsvErrors, DirectoryGivenAsFile) {
  const std::string path = io_data_dir;
  EXPECT_EQ(error_of([&] { clir::read_csv(path); }), path + ": is a directory, not a file");
}

TEST(CsvErrors, StrayQuotes) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n1,ab\"c\n", "q.csv"); }),
            "q.csv:2:2: quote inside an unquoted field; quote the whole field and write the quote as two quotes");
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n\"x\"y,1\n", "q.csv"); }),
            "q.csv:2:1: unexpected character 'y' after a closing quote; expected a delimiter or the end of the "
            "line (a quote inside a quoted field is written as two quotes)");
}

TEST(CsvErrors, BlankLineBetweenRecords) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\n1,2\n\n3,4\n", "b.csv"); }),
            "b.csv:3: blank line between records; expected 2 fields (write an empty single cell as \"\")");
}

TEST(CsvErrors, BareCarriageReturn) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b\r1,2\n", "c.csv"); }),
            "c.csv:1:2: carriage return (CR) not followed by a line feed; expected CRLF or LF line ends");
}

TEST(CsvErrors, AmbiguousDelimiter) {
  EXPECT_EQ(error_of([] { clir::parse_csv("a,b;c\n1,2;3\n", "a.csv"); }),
            "a.csv:1: cannot tell the delimiter from the header: it has 1 ',' and 1 ';' outside quotes; "
            "set the delimiter explicitly");
}

TEST(CsvErrors, UnsupportedDelimiterIsAConfigError) {
  EXPECT_EQ(error_of<clir::ConfigError>([] { clir::parse_csv("a|b\n1|2\n", "p.csv", {.delimiter = '|'}); }),
            "'delimiter': unsupported CSV delimiter '|' (allowed: ',', ';', tab, 0 (detect))");
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST(Numbers, ParsesStrictDecimals) {
  const clir::SourceLocation at{.file = "n.csv", .line = 2, .column = 3, .key = "x"};
  EXPECT_DOUBLE_EQ(clir::parse_number("12.5", at), 12.5);
  EXPECT_DOUBLE_EQ(clir::parse_number("-3e2", at), -300.0);
  EXPECT_DOUBLE_EQ(clir::parse_number(".5", at), 0.5);
  EXPECT_DOUBLE_EQ(clir::parse_number("0", at), 0.0);
  EXPECT_EQ(clir::parse_optional_number("", at), std::nullopt);
  const std::vector<std::string> na{"NA"};
  EXPECT_EQ(clir::parse_optional_number("NA", at, na), std::nullopt);
  EXPECT_EQ(clir::parse_optional_number("7", at, na), 7.0);
}

TEST(Numbers, RejectsEverythingElseWithAReason) {
  const clir::SourceLocation at{.file = "n.csv", .line = 2, .column = 3, .key = "x"};
  const auto msg = [&](const char* cell) { return error_of([&] { clir::parse_number(cell, at); }); };
  EXPECT_EQ(msg("nan"), "n.csv:2:3: 'x': expected a finite number, got 'nan' (leave the cell empty for a missing value)");
  EXPECT_EQ(msg("-Inf"), "n.csv:2:3: 'x': expected a finite number, got '-Inf' (leave the cell empty for a missing value)");
  EXPECT_EQ(msg("infinity"),
            "n.csv:2:3: 'x': expected a finite number, got 'infinity' (leave the cell empty for a missing value)");
  EXPECT_EQ(msg("1e999"), "n.csv:2:3: 'x': number '1e999' is outside the range of a double");
  EXPECT_EQ(msg("12abc"), "n.csv:2:3: 'x': expected a number, got '12abc' (unexpected 'abc' after '12')");
  EXPECT_EQ(msg(" 3"), "n.csv:2:3: 'x': expected a number, got ' 3' (spaces around a number are not allowed)");
  EXPECT_EQ(msg("3 "), "n.csv:2:3: 'x': expected a number, got '3 ' (spaces around a number are not allowed)");
  EXPECT_EQ(msg("+3"), "n.csv:2:3: 'x': expected a number, got '+3' (write it without the '+' sign)");
  EXPECT_EQ(msg("3,5"), "n.csv:2:3: 'x': expected a number, got '3,5' (use '.' as the decimal separator)");
  EXPECT_EQ(msg("abc"), "n.csv:2:3: 'x': expected a number, got 'abc'");
  EXPECT_EQ(msg(""), "n.csv:2:3: 'x': expected a number, got an empty cell");
  EXPECT_EQ(error_of([&] { clir::parse_optional_number("NA", at); }),
            "n.csv:2:3: 'x': expected a number, got 'NA'");
}

TEST(Numbers, FormatRoundTrips) {
  for (double v : {0.1, 1.0 / 3.0, -2.5e-300, 1e21, 50.4501, 0.0}) {
    EXPECT_EQ(clir::parse_number(clir::format_number(v), {}), v);
  }
  for (double v : {1e-5, 9.99e-6, 123456789012345.6, 1e16, -7.25, 5e-324, 1.7976931348623157e308}) {
    EXPECT_EQ(clir::parse_number(clir::format_number(v), {}), v);
  }
  EXPECT_EQ(clir::format_number(1.5), "1.5");
  EXPECT_EQ(clir::format_number(1e6), "1000000");
  EXPECT_EQ(clir::format_number(-0.00025), "-0.00025");
  EXPECT_EQ(clir::format_number(1e21), "1e+21");
  EXPECT_EQ(clir::format_number(2.5e-8), "2.5e-08");
  EXPECT_EQ(clir::format_number(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_THROW(clir::format_number(std::numeric_limits<double>::infinity()), clir::Error);
}

TEST(Numbers, StrictIntegers) {
  const clir::SourceLocation at{.file = "g.csv", .line = 4, .column = 2, .key = "group"};
  EXPECT_EQ(clir::parse_integer("6", at), 6);
  EXPECT_EQ(clir::parse_integer("-12", at), -12);
  EXPECT_EQ(clir::parse_integer("9223372036854775807", at), INT64_MAX);
  const auto msg = [&](const char* cell) { return error_of([&] { clir::parse_integer(cell, at); }); };
  EXPECT_EQ(msg("2.5"), "g.csv:4:2: 'group': expected a whole number, got '2.5'");
  EXPECT_EQ(msg("1e3"), "g.csv:4:2: 'group': expected a whole number, got '1e3'");
  EXPECT_EQ(msg("+1"), "g.csv:4:2: 'group': expected a whole number, got '+1'");
  EXPECT_EQ(msg(" 1"), "g.csv:4:2: 'group': expected a whole number, got ' 1'");
  EXPECT_EQ(msg(""), "g.csv:4:2: 'group': expected a whole number, got an empty cell");
  EXPECT_EQ(msg("9223372036854775808"),
            "g.csv:4:2: 'group': whole number '9223372036854775808' does not fit a 64-bit integer");
  const auto doc = clir::parse_csv("code,group\nUA1,1\nUA2,x\n", "g.csv");
  EXPECT_EQ(error_of([&] { clir::read_integer_column(doc, "group"); }),
            "g.csv:3:2: 'group': expected a whole number, got 'x'");
}

TEST(CsvRead, FromAStream) {
  std::istringstream in("a;b\r\n1;2\r\n");
  const auto doc = clir::read_csv(in, "<stdin>");
  EXPECT_EQ(doc.source(), "<stdin>");
  EXPECT_EQ(doc.cell(0, 1), "2");
  std::istringstream bad("a,b\n1\n");
  EXPECT_EQ(error_of([&] { clir::read_csv(bad, "<stdin>"); }), "<stdin>:2: expected 2 fields as in the header, found 1");
}

TEST(NumberColumns, ReadWithLocations) {
  const auto doc = clir::parse_csv("code,pop,area\nUA1,10,\nUA2,x20,3\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_number_column(doc, "pop"); }),
            "c.csv:3:2: 'pop': expected a number, got 'x20'");
  EXPECT_EQ(error_of([&] { clir::read_number_column(doc, "area"); }),
            "c.csv:2:3: 'area': expected a number, got an empty cell");
  const auto area = clir::read_optional_number_column(doc, "area");
  ASSERT_EQ(area.size(), 2u);
  EXPECT_EQ(area[0], std::nullopt);
  EXPECT_EQ(area[1], 3.0);
  EXPECT_EQ(clir::read_text_column(doc, "code"), (std::vector<std::string>{"UA1", "UA2"}));
  EXPECT_EQ(error_of([&] { clir::read_text_column(doc, "area", true); }),
            "c.csv:2:3: 'area': expected a value, got an empty cell");
}

// ---------------------------------------------------------------------------------------------
// Tables

TEST(ReadTable, BuildsNumericAndCategoricalColumns) {
  const auto doc = clir::parse_csv("code,oblast,pop,damage,note\nUA1,Київська,100,,a\nUA2,Львівська,NA,0.5,b\n", "t.csv");
  const auto table = clir::read_table(doc, {.id_column = "code",
                                            .categorical_columns = {"oblast"},
                                            .other_columns_numeric = false,
                                            .missing_markers = {"NA"}});
  EXPECT_EQ(table.numeric_count(), 0u);
  const auto t2 = clir::read_table(doc, {.numeric_columns = {"damage", "pop"},
                                         .categorical_columns = {"oblast", "note"},
                                         .missing_markers = {"NA"},
                                         .units = {{"pop", "persons"}}});
  ASSERT_EQ(t2.rows(), 2u);
  EXPECT_EQ(t2.numeric_columns()[0].name, "damage");
  EXPECT_EQ(t2.numeric_columns()[1].unit, "persons");
  EXPECT_EQ(t2.get(0, "pop"), 100.0);
  EXPECT_EQ(t2.get(1, "pop"), std::nullopt);
  EXPECT_EQ(t2.get(0, "damage"), std::nullopt);
  EXPECT_EQ(t2.categorical("oblast")[1], "Львівська");
  EXPECT_EQ(t2.row("UA2"), 1u);
}

TEST(ReadTable, OtherColumnsNumericInHeaderOrder) {
  const auto doc = clir::parse_csv("b,code,name,a\n1,UA1,x,2\n3,UA2,y,4\n", "t.csv");
  const auto table = clir::read_table(doc, {.categorical_columns = {"name"}, .other_columns_numeric = true});
  ASSERT_EQ(table.numeric_count(), 2u);
  EXPECT_EQ(table.numeric_columns()[0].name, "b");
  EXPECT_EQ(table.numeric_columns()[1].name, "a");
  EXPECT_EQ(table.get(1, "a"), 4.0);
}

TEST(ReadTable, DuplicateAndEmptyIds) {
  const auto dup = clir::parse_csv("code,x\nA,1\nB,2\nC,3\nD,4\nE,5\nA,6\n", "t.csv");
  EXPECT_EQ(error_of([&] { clir::read_table(dup, {.numeric_columns = {"x"}}); }),
            "t.csv:7:1: 'code': duplicate code 'A' on lines 2 and 7");
  const auto empty = clir::parse_csv("id,x\nA,1\n,2\n", "t.csv");
  EXPECT_EQ(error_of([&] { clir::read_table(empty, {.id_column = "id"}); }),
            "t.csv:3:1: 'id': empty id on line 3");
}

TEST(ReadTable, NonNumericTextInNumericColumn) {
  const auto doc = clir::parse_csv("code,pop\nA,1\nB,many\n", "t.csv");
  EXPECT_EQ(error_of([&] { clir::read_table(doc, {.numeric_columns = {"pop"}}); }),
            "t.csv:3:2: 'pop': expected a number, got 'many'");
  const auto nan = clir::parse_csv("code,pop\nA,nan\n", "t.csv");
  EXPECT_EQ(error_of([&] { clir::read_table(nan, {.other_columns_numeric = true}); }),
            "t.csv:2:2: 'pop': expected a finite number, got 'nan' (leave the cell empty for a missing value)");
}

TEST(ReadTable, SpecErrors) {
  const auto doc = clir::parse_csv("code,pop\nA,1\n", "t.csv");
  EXPECT_EQ(error_of([&] { clir::read_table(doc, {.numeric_columns = {"area"}}); }),
            "t.csv: 'area': missing required column 'area'; available columns: code, pop");
  EXPECT_EQ(error_of<clir::ConfigError>(
                [&] { clir::read_table(doc, {.numeric_columns = {"pop"}, .categorical_columns = {"pop"}}); }),
            "'categorical_columns': column 'pop' is named more than once (as id, numeric or categorical)");
  EXPECT_EQ(error_of<clir::ConfigError>([&] { clir::read_table(doc, {.units = {{"pop", "persons"}}}); }),
            "'units': a unit ('persons') is given for column 'pop', which is not read as a numeric column");
}

// ---------------------------------------------------------------------------------------------
// Communities

const clir::CommunityColumns latlon{.latitude = "lat", .longitude = "lon"};

TEST(ReadCommunities, ReadsFields) {
  const auto doc = clir::read_csv(data_file("communities.csv"));
  const auto list = clir::read_communities(doc, {.latitude = "lat", .longitude = "lon", .name_uk = "name_uk"},
                                           {.expected_area = clir::ukraine_area});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].code, "UA32060010000086043");
  EXPECT_EQ(list[0].name_uk, "Баришівська");
  EXPECT_DOUBLE_EQ(list[1].location.lat, 50.4501);
  EXPECT_DOUBLE_EQ(list[1].location.lon, 30.5234);
}

TEST(ReadCommunities, TypesAndOblastCodes) {
  const auto doc = clir::parse_csv(
      "code,oblast,kind,lat,lon\nUA32060010000086043,UA32000000000030281,міська,50.3,31.3\n", "c.csv");
  const auto list = clir::read_communities(doc, {.latitude = "lat", .longitude = "lon", .oblast_code = "oblast", .type = "kind"});
  EXPECT_EQ(list[0].type, clir::CommunityType::city);
  EXPECT_EQ(list[0].oblast_code, "UA32000000000030281");
  const auto bad = clir::parse_csv("code,kind,lat,lon\nUA32060010000086043,town,50.3,31.3\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(bad, {.latitude = "lat", .longitude = "lon", .type = "kind"}); }),
            "c.csv:2:2: 'kind': unknown community type 'town'; expected city, settlement or village "
            "(міська, селищна, сільська)");
}

TEST(ReadCommunities, BadKatottgCode) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,50,30\nUA3206001,50,30\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, latlon); }),
            "c.csv:3:1: 'code': expected a KATOTTG code ('UA' followed by 17 digits), got 'UA3206001'");
}

TEST(ReadCommunities, DuplicateCode) {
  const auto doc = clir::parse_csv(
      "code,lat,lon\nUA32060010000086043,50,30\nUA80000000000093317,50,30\nUA32060010000086043,51,31\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, latlon); }),
            "c.csv:4:1: 'code': duplicate code 'UA32060010000086043' on lines 2 and 4");
}

TEST(ReadCommunities, LatitudeOutOfRange) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,95.5,30\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, latlon); }),
            "c.csv:2:2: 'lat': latitude 95.5 is outside [-90, 90] degrees");
}

TEST(ReadCommunities, LongitudeOutOfRange) {
  const auto doc = clir::parse_csv("code;latitude;longitude\nUA32060010000086043;50;-190\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, {}); }),
            "c.csv:2:3: 'longitude': longitude -190 is outside [-180, 180] degrees");
}

TEST(ReadCommunities, NonNumericCoordinate) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,50°27',30\n", "c.csv");
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, latlon); }),
            "c.csv:2:2: 'lat': expected a number, got '50°27'' (unexpected '°27'' after '50')");
}

TEST(ReadCommunities, SwapDetected) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,50.36,31.32\nUA80000000000093317,30.52,50.45\n",
                                   "c.csv");
  EXPECT_NO_THROW(clir::read_communities(doc, latlon));  // no area given: both points are valid
  EXPECT_EQ(error_of([&] { clir::read_communities(doc, latlon, {.expected_area = clir::ukraine_area}); }),
            "c.csv:3:2: 'lat': looks like latitude and longitude are swapped: (lat 30.52, lon 50.45) is outside "
            "the expected area (lat 44..53, lon 22..41) but the swapped point is inside it");
}

TEST(ReadCommunities, OutsideAreaOnlyWhenRequired) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,48.85,2.35\n", "c.csv");
  EXPECT_NO_THROW(clir::read_communities(doc, latlon, {.expected_area = clir::ukraine_area}));
  EXPECT_EQ(error_of([&] {
              clir::read_communities(doc, latlon, {.expected_area = clir::ukraine_area, .require_inside_area = true});
            }),
            "c.csv:2:2: 'lat': (lat 48.85, lon 2.35) is outside the expected area (lat 44..53, lon 22..41)");
}

// ---------------------------------------------------------------------------------------------
// Writing

TEST(CsvWrite, QuotesOnlyWhenNeeded) {
  std::ostringstream out;
  clir::write_csv(out, {"code", "name", "note"},
                  {{"UA1", "Київ, місто", "say \"hi\""}, {"UA2", "plain", "two\nlines"}, {"UA3", "", ""}});
  EXPECT_EQ(out.str(),
            "code,name,note\nUA1,\"Київ, місто\",\"say \"\"hi\"\"\"\nUA2,plain,\"two\nlines\"\nUA3,,\n");
  EXPECT_EQ(clir::format_csv({"a", "b"}, {{"x;y", "1,5"}}, {.delimiter = ';', .crlf = true}),
            "a;b\r\n\"x;y\";1,5\r\n");
}

TEST(CsvWrite, RoundTrip) {
  const std::vector<std::string> header{"code", "text", "value"};
  const std::vector<std::vector<std::string>> rows{
      {"UA1", "comma, \"quote\"; semicolon", "1.5"},
      {"UA2", "line\nbreak\r\nand crlf", ""},
      {"UA3", " spaces kept ", "-2e-5"},
  };
  for (const char delim : {',', ';', '\t'}) {
    for (const bool crlf : {false, true}) {
      const auto text = clir::format_csv(header, rows, {.delimiter = delim, .crlf = crlf, .byte_order_mark = crlf});
      const auto doc = clir::parse_csv(text, "rt.csv", {.delimiter = delim == '\t' ? '\t' : char{0}});
      ASSERT_EQ(doc.header(), header);
      ASSERT_EQ(doc.row_count(), rows.size());
      for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < header.size(); ++c) EXPECT_EQ(doc.cell(r, c), rows[r][c]);
      }
    }
  }
  // One empty cell in a single-column file must not become a blank line.
  const auto single = clir::format_csv({"only"}, {{"a"}, {""}, {"b"}});
  EXPECT_EQ(single, "only\na\n\"\"\nb\n");
  EXPECT_EQ(clir::parse_csv(single, "s.csv").row_count(), 3u);
}

TEST(CsvWrite, RaggedRowIsAnError) {
  EXPECT_EQ(error_of([] { clir::format_csv({"a", "b"}, {{"1", "2"}, {"3"}}); }),
            "row 2 has 1 cells; the header has 2");
  EXPECT_EQ(error_of<clir::ConfigError>([] { clir::format_csv({"a"}, {}, {.delimiter = '|'}); }),
            "'delimiter': unsupported CSV delimiter '|' (allowed: ',', ';', tab)");
}

TEST(CsvWrite, FileIsWrittenAndReadBack) {
  const fs::path dir = fs::path(CLIR_BINARY_DIR) / "io_test_out" / "csv_write";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "out.csv";
  clir::write_csv_file(file, {"code", "x"}, {{"UA1", "1"}});
  const auto doc = clir::read_csv(file);
  EXPECT_EQ(doc.cell(0, 1), "1");
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// Tables written and read back

TEST(TableCsv, RoundTripsExactly) {
  clir::Table t({"UA2", "UA1"});
  t.add_numeric("share", std::vector<std::optional<double>>{0.1 + 0.2, std::nullopt}, "1");
  t.add_numeric("pop", std::vector<std::optional<double>>{1e6, 12345}, "persons");
  t.add_categorical("oblast", {"Київська, місто", ""});
  const std::string text = clir::format_table_csv(t);
  EXPECT_EQ(text, "code,share,pop,oblast\nUA2,0.30000000000000004,1000000,\"Київська, місто\"\nUA1,,12345,\n");
  const auto back = clir::read_table(clir::parse_csv(text, "t.csv"),
                                     {.numeric_columns = {"share", "pop"}, .categorical_columns = {"oblast"}});
  EXPECT_EQ(back.ids(), t.ids());
  EXPECT_EQ(back.get(0, "share"), 0.1 + 0.2);
  EXPECT_EQ(back.get(1, "share"), std::nullopt);
  EXPECT_EQ(back.get(1, "pop"), 12345.0);
  EXPECT_EQ(back.categorical("oblast"), t.categorical("oblast"));
  EXPECT_EQ(error_of<clir::ConfigError>([&] { clir::format_table_csv(t, "pop"); }),
            "'id_column': the id column name 'pop' is also the name of a table column");
}

// ---------------------------------------------------------------------------------------------
// clir's own data goes through the same strict reader

TEST(BuiltinData, HromadasReadWithEveryCheck) {
  const auto doc = clir::read_csv(CLIR_SOURCE_DIR "/data/hromadas.csv");
  const auto list = clir::read_communities(doc, clir::CommunityColumns::standard(),
                                           {.expected_area = clir::ukraine_area, .require_inside_area = true});
  EXPECT_GT(list.size(), 1400u);
  for (const auto& c : list) {
    EXPECT_FALSE(c.name_uk.empty()) << c.code;
    EXPECT_FALSE(c.oblast_uk.empty()) << c.code;
  }
  const auto population = clir::read_optional_number_column(doc, "population_2022");
  EXPECT_EQ(population.size(), list.size());
}

}  // namespace
