#include "pipeline/progress.h"

namespace pressroom::indexer {

ProgressStream::ProgressStream(std::ostream& out, bool terminal, double interval_seconds)
    : out_(out.rdbuf()), terminal_(terminal), interval_(interval_seconds), stream_(this) {}

void ProgressStream::clear_line() {
  if (!line_shown_) return;
  out_->sputn("\r\033[K", 4);
  line_shown_ = false;
}

int ProgressStream::overflow(int c) {
  if (c == traits_type::eof()) return traits_type::not_eof(c);
  clear_line();
  return out_->sputc(static_cast<char>(c));
}

std::streamsize ProgressStream::xsputn(const char* s, std::streamsize n) {
  if (n > 0) clear_line();
  return out_->sputn(s, n);
}

int ProgressStream::sync() { return out_->pubsync(); }

void ProgressStream::show(const std::string& text, double seconds, bool final) {
  if (terminal_) {
    const std::string line = "\r" + text + "\033[K" + (final ? "\n" : "");
    out_->sputn(line.data(), static_cast<std::streamsize>(line.size()));
    line_shown_ = !final;
  } else {
    if (!final && last_plain_ >= 0 && seconds - last_plain_ < interval_) return;
    last_plain_ = seconds;
    const std::string line = "progress: " + text + "\n";
    out_->sputn(line.data(), static_cast<std::streamsize>(line.size()));
  }
  out_->pubsync();
}

}  // namespace pressroom::indexer
