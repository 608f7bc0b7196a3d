// GrpcServer: how every service serves gRPC. Adds the standard health service
// (grpc.health.v1.Health, so Kubernetes probes and grpc-health-probe work) and
// server reflection (so grpcurl and other languages can discover the API).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"

namespace streamlens {

class GrpcServer {
 public:
  // Starts serving `services` on `address` ("0.0.0.0:50051"; port 0 picks a
  // free port). Health starts SERVING unless `serving` is false.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(const std::string& address,
                                                           const std::vector<grpc::Service*>& services,
                                                           bool serving = true);
  ~GrpcServer();

  int port() const { return port_; }
  // Sets the overall health status and that of each named service.
  void SetServing(bool serving);
  void Shutdown();
  grpc::Server* server() { return server_.get(); }

 private:
  std::unique_ptr<grpc::Server> server_;
  std::vector<std::string> service_names_;
  int port_ = 0;
};

}  // namespace streamlens
