#include "services/ingest/batch_builder.h"

#include <utility>

namespace streamlens::ingest {

BatchBuilder::BatchBuilder(size_t max_events, size_t max_bytes)
    : max_events_(max_events == 0 ? 1 : max_events), max_bytes_(max_bytes) {}

bool BatchBuilder::Add(v1::PublishRequest event) {
  bytes_ += event.ByteSizeLong();
  *request_.mutable_batch()->add_events() = std::move(event);
  ++events_;
  return events_ >= max_events_ || bytes_ >= max_bytes_;
}

v1::PublishRequest BatchBuilder::Take() {
  v1::PublishRequest out = std::move(request_);
  request_.Clear();
  events_ = 0;
  bytes_ = 0;
  return out;
}

}  // namespace streamlens::ingest
