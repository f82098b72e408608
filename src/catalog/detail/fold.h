// FoldForSearch: the case folding behind Catalog::Search.
//
// Maps ASCII A–Z to a–z and the upper-case Latin-1 letters U+00C0–U+00DE (Ä, Ö,
// Ü, É, …; not ×) to their lower-case forms U+00E0–U+00FE. Every mapping keeps
// the byte length, so folding works byte by byte on UTF-8. Nothing else changes:
// "ß" does not match "ss", nor "ä" "ae" or "a".
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace kasse::catalog::detail {

std::string FoldForSearch(std::string_view text);

}  // namespace kasse::catalog::detail
