// `gongkai archive` packs a built site into one .zip with SHA256SUMS and a README in the
// site's language; `gongkai verify` checks a copy (a folder or the .zip itself) against its
// SHA256SUMS (publish/site_archive.h, publish/site_verify.h, docs/archive.md).
#pragma once

#include <string>

#include "cli/command_support.h"

namespace gongkai {

struct ArchiveCommandOptions {
  std::string source = ".";
  /// The built site folder; "" for SOURCE/public, where `gongkai build` writes by default.
  std::string site;
  /// The .zip to write; "" for SITE.zip beside the site folder (SOURCE/public.zip).
  std::string output;
  bool quiet = false;
};

/// Runs `gongkai archive`: prints diagnostics and a summary line; returns the exit status.
int run_archive(const ArchiveCommandOptions& options);

/// Runs `gongkai verify TARGET` (a folder, or a .zip file): prints every difference, one per
/// line, then a summary line; returns 0 when every file matches, 1 otherwise.
int run_verify(const std::string& target);

}  // namespace gongkai
