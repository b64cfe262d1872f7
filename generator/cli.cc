#include "cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace gongkai {

int run_cli(int argc, char** argv) {
  CLI::App app{"gongkai: a static site generator for government budget transparency"};
  app.set_version_flag("--version", std::string("gongkai ") + GONGKAI_VERSION);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace gongkai
