// Internal: schema migrations and the derived search index DDL.
#pragma once

#include <string_view>
#include <vector>

namespace faro::content {

const std::vector<std::string_view>& migrations();
std::string_view search_index_ddl();

}  // namespace faro::content
