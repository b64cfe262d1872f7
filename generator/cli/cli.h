// The command line: parses arguments with CLI11 and runs one command.
#pragma once

namespace gongkai {

/// Runs gongkai with the process arguments. Returns the exit status: 0 on success, 1 on
/// content or configuration errors, 2 on usage errors.
int run_cli(int argc, char** argv);

}  // namespace gongkai
