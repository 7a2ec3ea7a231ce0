// JSON replies: the one error shape and JSON bodies, for every handler.
// Thread-safety: free functions on the caller's Response.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "pressroom/result.h"

namespace pressroom::searchd {

// The one error shape as text: {"error": {"code", "message", "field"}}.
std::string error_body(const Error& error);

// Sends the error body with the status of the code (status_for).
void send_error(httplib::Response& res, const Error& error);

// Sends JSON (invalid UTF-8 replaced, never thrown on) with the given status.
void send_json(httplib::Response& res, const nlohmann::ordered_json& body, int status = 200);

}  // namespace pressroom::searchd
