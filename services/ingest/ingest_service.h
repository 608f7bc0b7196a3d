// IngestService: the gRPC front door. Validates events (errors name the
// field), gives them stable ids, publishes them to Kafka and answers with
// where they landed.
//
// INTERFACE OWNED BY THE CLI (services/cli/cmd_serve.cc and cmd_up.cc construct
// it). Thread-safe: gRPC calls it from many threads.
#pragma once

#include "services/common/kafka.h"
#include "services/common/metrics.h"
#include "streamlens/v1/ingest.grpc.pb.h"

namespace streamlens::ingest {

class IngestServiceImpl final : public v1::IngestService::Service {
 public:
  // `producer` and `metrics` must outlive the service.
  IngestServiceImpl(kafka::Producer& producer, MetricsRegistry& metrics);
  ~IngestServiceImpl() override;

  grpc::Status Publish(grpc::ServerContext* context, const v1::PublishRequest* request,
                       v1::PublishResponse* response) override;
  grpc::Status PublishStream(grpc::ServerContext* context,
                             grpc::ServerReaderWriter<v1::PublishResponse, v1::PublishRequest>* stream) override;
  grpc::Status UpsertEntity(grpc::ServerContext* context, const v1::UpsertEntityRequest* request,
                            v1::UpsertEntityResponse* response) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streamlens::ingest
