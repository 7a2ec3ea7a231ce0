// The HTTP status of each error code: the one place where core's and searchd's ErrorCode values
// meet HTTP. Thread-safety: pure.
#pragma once

#include "pressroom/result.h"

namespace pressroom::searchd {

// HTTP status for an error code of the core or of searchd: invalid_argument 400, unauthorized
// 401, forbidden 403, not_found 404, method_not_allowed 405, request_timeout 408,
// payload_too_large 413, uri_too_long 414, too_many_requests 429, header_too_large 431,
// unavailable 503, anything else 500.
int status_for(ErrorCode code);

}  // namespace pressroom::searchd
