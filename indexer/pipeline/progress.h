// The progress display of an import, and the diagnostics stream it shares standard error with.
//
// On a terminal the progress is one line rewritten in place ("\r … ESC[K"); a diagnostic written
// to stream() while that line is shown first clears it, so every diagnostic starts a line of its
// own (the next update redraws the progress). Elsewhere (a file, a pipe, a CI log) the progress is
// plain lines ("progress: …\n"), at most one per `interval` seconds, with no control characters.
//
// Thread-safety: one thread writes (the import's main thread).
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace pressroom::indexer {

class ProgressStream : private std::streambuf {
 public:
  // Writes to `out`'s buffer. `terminal`: the in-place line; otherwise plain lines.
  ProgressStream(std::ostream& out, bool terminal, double interval_seconds);
  ProgressStream(const ProgressStream&) = delete;
  ProgressStream& operator=(const ProgressStream&) = delete;

  // The stream for diagnostics (and anything else bound for `out`).
  std::ostream& stream() { return stream_; }

  // Shows `text` (no newline): in place on a terminal; as a plain line when `interval` seconds
  // have passed since the last one (`seconds`: time since the start), or when `final`. The final
  // call ends the terminal line with a newline.
  void show(const std::string& text, double seconds, bool final);

 private:
  int overflow(int c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;
  void clear_line();

  std::streambuf* out_;
  bool terminal_;
  double interval_;
  double last_plain_ = -1;
  bool line_shown_ = false;
  std::ostream stream_;
};

}  // namespace pressroom::indexer
