// An export's body, written whole to an unnamed temporary file before the first byte is sent.
//
// Xapian keeps the revision an export reads only until the writer has committed twice more. An
// export streamed straight from the index therefore had to be cut off when a client downloaded
// slowly while pressroom-index committed. Spooled, the index is read for as long as it takes to
// encode the result set (retried on a newer snapshot when the writer got in the way, before
// anything was sent), and the client may then take as long as it likes. Memory stays flat; disk
// holds the body (about the size of the records exported) until the response is done.
//
// The file has no name (O_TMPFILE, or created and unlinked at once): it disappears with its
// descriptor, also when the process is killed. Not thread-safe; one owner at a time.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pressroom/result.h"

namespace pressroom::searchd {

class SpoolFile {
 public:
  // A new empty file in `dir` ("" : $TMPDIR, else /tmp). Error "unavailable" naming the folder
  // and the system's reason (for the log).
  static Result<SpoolFile> create(const std::string& dir);

  SpoolFile(SpoolFile&& other) noexcept;
  SpoolFile& operator=(SpoolFile&& other) noexcept;
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile();

  // Appends bytes; false on a write error (a full disk: errno tells).
  bool append(std::string_view bytes);
  // Up to n bytes from offset into out: the count, 0 at the end, -1 on a read error.
  ssize_t read_at(uint64_t offset, char* out, size_t n) const;
  [[nodiscard]] uint64_t size() const { return size_; }

  // The folder spool files go to for `dir` ("" : $TMPDIR, else /tmp).
  static std::string folder(const std::string& dir);

 private:
  explicit SpoolFile(int fd) : fd_(fd) {}
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace pressroom::searchd
