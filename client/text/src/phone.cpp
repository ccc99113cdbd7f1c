// Phone-number detection for bidi isolation and phone spans.
#include <cctype>

#include "text/layout.h"

namespace faro::text {

std::vector<ByteRange> find_phone_numbers(std::string_view t) {
  std::vector<ByteRange> out;
  auto digit = [&](size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  size_t i = 0;
  while (i < t.size()) {
    bool plus = t[i] == '+' && digit(i + 1);
    if (!plus && !digit(i)) {
      ++i;
      continue;
    }
    // A number glued to a preceding letter or digit ("abc123 4567") is an
    // identifier, not a phone number: skip it whole.
    bool glued_before = i > 0 && (std::isalnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '.' ||
                                  t[i - 1] == ',' || (t[i - 1] == '+' && !plus));
    size_t j = plus ? i + 1 : i;
    size_t digits = 0, groups = 0;
    size_t end = j;
    while (digit(j)) {
      while (digit(j)) {
        ++j;
        ++digits;
      }
      ++groups;
      end = j;
      // one separator between groups: space, hyphen or dot, then a digit
      if (j + 1 < t.size() && (t[j] == ' ' || t[j] == '-' || t[j] == '.') && digit(j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    bool glued_after = end < t.size() && std::isalpha(static_cast<unsigned char>(t[end]));
    if (!glued_before && !glued_after && ((plus && digits >= 3) || (digits >= 7 && groups >= 2))) {
      out.push_back(ByteRange{static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
      i = end;
    } else {
      i = end > i ? end : i + 1;
    }
  }
  return out;
}

}  // namespace faro::text
