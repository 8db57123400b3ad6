#pragma once
/// @file
/// @brief Ukrainian to Latin: the official national transliteration (Resolution No. 55 of the
/// Cabinet of Ministers of Ukraine, 27 January 2010), as used on maps and in passports.

#include <string>
#include <string_view>

namespace clir {

/// Transliterates Ukrainian text (UTF-8) by the table of Resolution No. 55 of 27.01.2010:
/// Є, Ї, Й, Ю, Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere;
/// "зг" is "zgh" (to tell it from "ж"); the soft sign and the apostrophe are left out. A
/// capital that becomes several letters is written "Zh", or "ZH" inside a word in capitals.
/// Other characters (Latin letters, digits, spaces, hyphens, punctuation) are kept; a hyphen
/// or space starts a new word ("Івано-Франківськ" → "Ivano-Frankivsk"). Bytes that are not
/// valid UTF-8 are copied unchanged.
std::string transliterate_uk(std::string_view text);

}  // namespace clir
