// SQL functions the schema relies on: winnow_text(id) gives the search_content view (and so FTS5 snippets) the article text, and reads the metadata blob (NULL for NULL).
#include <sqlite3.h>

#include "archive_impl.h"

namespace winnow::archive {
namespace {

void winnow_text(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  auto* impl = static_cast<Archive::Impl*>(sqlite3_user_data(context));
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  try {
    const std::shared_ptr<const std::string> text = impl->blobs.get(sqlite3_value_int64(argv[0]));
    sqlite3_result_text64(context, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (const DbFailure& failure) {
    sqlite3_result_error(context, failure.what(), -1);
    sqlite3_result_error_code(context, failure.code());
  } catch (const std::exception& failure) {
    sqlite3_result_error(context, failure.what(), -1);
  }
}

}  // namespace

void register_functions(Archive::Impl& impl) {
  const int rc = sqlite3_create_function_v2(impl.db.get(), "winnow_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &impl,
                                            winnow_text, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) impl.db.fail(rc, "registering winnow_text");
}

}  // namespace winnow::archive
