// `gongkai build`: the pipeline as a short list of steps — lock the output, load the site, stop
// when the published site is up to date, build, publish — each of which says what went wrong.
#pragma once

#include <string>

#include "cli/command_support.h"

namespace gongkai {

struct BuildCommandOptions {
  std::string output;
  unsigned jobs = 0;
  std::string dump_views;
};

/// Runs `gongkai build`, printing diagnostics and a summary line. Returns the exit status.
int run_build(const CommonOptions& common, const BuildCommandOptions& build);

}  // namespace gongkai
