#include "http_status.h"

namespace pressroom::searchd {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kRequestTimeout:
      return 408;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUriTooLong:
      return 414;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kHeaderTooLarge:
      return 431;
    case ErrorCode::kUnavailable:
      return 503;
    // Codes of failures that are the server's, not the request's: the database or the files
    // behind it (and the indexer's input codes, which a request never produces).
    case ErrorCode::kInternal:
    case ErrorCode::kIoError:
    case ErrorCode::kSchemaMismatch:
    case ErrorCode::kNotADatabase:
    case ErrorCode::kLocked:
    case ErrorCode::kSnapshotChanged:
    case ErrorCode::kBindFailed:
    case ErrorCode::kEmpty:
    case ErrorCode::kInvalidDate:
    case ErrorCode::kInvalidFrontMatter:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kInvalidMapping:
    case ErrorCode::kInvalidMarkdown:
    case ErrorCode::kInvalidRecord:
    case ErrorCode::kInvalidXpath:
    case ErrorCode::kMalformedCsv:
    case ErrorCode::kMalformedJson:
    case ErrorCode::kMalformedXml:
    case ErrorCode::kNoDate:
    case ErrorCode::kNotAFeed:
    case ErrorCode::kPathMismatch:
    case ErrorCode::kUndecodable:
      return 500;
  }
  return 500;
}

}  // namespace pressroom::searchd
