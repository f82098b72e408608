// UTF-8 to code page 858 (DOS Latin-1 with the euro sign at 0xD5), the printer
// code page the ESC/POS encoder selects: it holds ä ö ü Ä Ö Ü ß, €, and the
// other Western European letters.
//
// ASCII passes unchanged. Typographic dashes, quotes and the ellipsis become
// their one-column ASCII look-alikes ('-', '"', '\'', '.'); every other character
// the code page lacks, every control character and every invalid byte becomes
// '?', so the output never contains printer commands (bytes below 0x20).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace kasse::printing::detail {

std::string Utf8ToCp858(std::string_view text);

}  // namespace kasse::printing::detail
