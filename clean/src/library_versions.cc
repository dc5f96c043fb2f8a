// The version of Gumbo winnow was built against (from pkg-config at configure time), for `winnow --version`.
#include "winnow/clean.h"

namespace winnow::clean {

std::string gumbo_version() { return WINNOW_GUMBO_VERSION; }

}  // namespace winnow::clean
