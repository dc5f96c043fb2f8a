// `winnow serve [--archive PATH] [--listen HOST:PORT] [--open]`: the options, then run_serve.
#include "serve/command.h"

#include <memory>

#include "serve/server.h"
#include "winnow/archive.h"

namespace winnow::cli {

void register_serve_command(CLI::App& app, int& exit_code) {
  auto settings = std::make_shared<ServeSettings>();
  settings->archive = archive::default_archive_path();
  CLI::App* serve = app.add_subcommand(
      "serve", "Browse the archive in a web browser: URLs, timelines, versions, word diffs, search (read-only)");
  serve->add_option("--archive", settings->archive, "The archive file (default $WINNOW_ARCHIVE, else ./winnow.db)")
      ->type_name("PATH");
  serve->add_option("--listen", settings->listen,
                    "Address to serve on, HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one).\n"
                    "Anything but loopback makes the archive readable by others: a warning says so")
      ->type_name("HOST:PORT");
  serve->add_flag("--open", settings->open, "Open the interface in the desktop's browser (xdg-open)");
  serve->callback([settings, &exit_code] { exit_code = run_serve(*settings); });
}

}  // namespace winnow::cli
