#include "services/common/metrics.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace streamlens {
namespace {

// A plain HTTP GET over a socket, as Prometheus scrapes.
std::string HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
  std::string req = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n";
  (void)write(fd, req.data(), req.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

TEST(MetricsRegistryTest, ServesRegisteredMetricsOverHttpOnAFreePort) {
  MetricsRegistry metrics;
  auto& counter = prometheus::BuildCounter()
                      .Name("streamlens_test_events_total")
                      .Help("test events")
                      .Register(metrics.registry())
                      .Add({{"kind", "news"}});
  counter.Increment(3);
  auto port = metrics.Serve("127.0.0.1:0");
  ASSERT_TRUE(port.ok()) << port.status();
  ASSERT_GT(*port, 0);
  std::string body = HttpGet(*port, "/metrics");
  EXPECT_NE(body.find("streamlens_test_events_total{kind=\"news\"} 3"), std::string::npos) << body;
  EXPECT_NE(metrics.Scrape().find("streamlens_test_events_total"), std::string::npos);
}

TEST(MetricsRegistryTest, BusyAddressIsAnErrorNotACrash) {
  MetricsRegistry first, second;
  auto port = first.Serve("127.0.0.1:0");
  ASSERT_TRUE(port.ok());
  auto again = second.Serve("127.0.0.1:" + std::to_string(*port));
  EXPECT_FALSE(again.ok());
}

}  // namespace
}  // namespace streamlens
