#include "json_reply.h"

#include "http_status.h"

namespace pressroom::searchd {

void send_json(httplib::Response& res, const nlohmann::ordered_json& body, int status) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

std::string error_body(const Error& error) {
  nlohmann::ordered_json body = {
      {"error",
       {{"code", to_string(error.code)}, {"message", error.message}, {"field", error.field}}}};
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void send_error(httplib::Response& res, const Error& error) {
  res.status = status_for(error.code);
  res.set_content(error_body(error), "application/json; charset=utf-8");
}

}  // namespace pressroom::searchd
