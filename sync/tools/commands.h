// The `faro` subcommands. Each takes its arguments (after the subcommand
// words) and returns the process exit code; all output goes to the streams
// given, so tests can run commands in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace faro::cli {

using Args = std::vector<std::string>;

int content_validate(const Args& args, std::ostream& out, std::ostream& err);
int content_build(const Args& args, std::ostream& out, std::ostream& err);
int content_mark_translated(const Args& args, std::ostream& out, std::ostream& err);
int search(const Args& args, std::ostream& out, std::ostream& err);
int synth(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace faro::cli

namespace faro::cli {

int keys_init(const Args& args, std::ostream& out, std::ostream& err);
int keys_rotate(const Args& args, std::ostream& out, std::ostream& err);
int store_init(const Args& args, std::ostream& out, std::ostream& err);
int store_add_root(const Args& args, std::ostream& out, std::ostream& err);
int store_token(const Args& args, std::ostream& out, std::ostream& err);
int publish(const Args& args, std::ostream& out, std::ostream& err);
int hub(const Args& args, std::ostream& out, std::ostream& err);
int kiosk_init(const Args& args, std::ostream& out, std::ostream& err);
int kiosk_status(const Args& args, std::ostream& out, std::ostream& err);
int sync(const Args& args, std::ostream& out, std::ostream& err);
int bundle_export(const Args& args, std::ostream& out, std::ostream& err);
int fleet(const Args& args, std::ostream& out, std::ostream& err);
int device_add(const Args& args, std::ostream& out, std::ostream& err);
int staff(const Args& args, std::ostream& out, std::ostream& err);
int kiosk_edit(const Args& args, std::ostream& out, std::ostream& err);
int kiosk_edits(const Args& args, std::ostream& out, std::ostream& err);
int edits(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace faro::cli
