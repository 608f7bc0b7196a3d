#!/usr/bin/python3
"""A Python client for Streamlens, generated from the project's own protos.

Run it with Debian's python3 (python3-grpcio, python3-protobuf,
protobuf-compiler-grpc). The stubs are generated at start from
proto/streamlens/v1 into a temporary folder, so they always match the server.

    /usr/bin/python3 streamlens_client.py --query localhost:50052 entity company:baba
    /usr/bin/python3 streamlens_client.py --query localhost:50052 movers revenue
    /usr/bin/python3 streamlens_client.py --query localhost:50052 --ingest localhost:50051 publish-and-read
    /usr/bin/python3 streamlens_client.py --query localhost:50052 --ingest localhost:50051 publish-batch 3 --invalid-at 1
    /usr/bin/python3 streamlens_client.py --query localhost:50052 health

Every command prints JSON (one object per line) so scripts can check it.

publish-batch [N] publishes N articles (default 3) in one PublishBatch and
prints one line per event: its position, or the error naming the field from
the batch ("events[1].news.title: ..."). --invalid-at I leaves event I without
title and body, so the server refuses that one event and publishes the others.
It then reads the published articles back from the view (read your writes).
The exit status is 1 when any event was refused.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "proto"))


def load_stubs(proto_root=PROTO_ROOT):
    """Generates the Python messages and gRPC stubs and imports them."""
    out = tempfile.mkdtemp(prefix="streamlens-py-")
    protos = [os.path.join(proto_root, "streamlens", "v1", name)
              for name in ("events.proto", "ingest.proto", "query.proto")]
    subprocess.run(
        ["protoc", f"--proto_path={proto_root}", f"--python_out={out}", f"--grpc_python_out={out}",
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", *protos],
        check=True)
    sys.path.insert(0, out)
    from streamlens.v1 import events_pb2, ingest_pb2, ingest_pb2_grpc, query_pb2, query_pb2_grpc  # noqa: E402
    return events_pb2, ingest_pb2, ingest_pb2_grpc, query_pb2, query_pb2_grpc


import grpc  # noqa: E402  (Debian's python3-grpcio)
from google.protobuf import json_format  # noqa: E402

events_pb2, ingest_pb2, ingest_pb2_grpc, query_pb2, query_pb2_grpc = load_stubs()


def emit(message):
    if isinstance(message, dict):
        print(json.dumps(message), flush=True)
    else:
        print(json.dumps(json_format.MessageToDict(message)), flush=True)


def enum_value(enum_type, prefix, text):
    """'net-income' -> METRIC_KIND_NET_INCOME's number."""
    name = text.upper().replace("-", "_")
    if not name.startswith(prefix):
        name = prefix + name
    return enum_type.Value(name)


def health(channel):
    """grpc.health.v1.Health/Check without generated health stubs: the request
    is an empty message, the response field 1 is the status (1 = SERVING)."""
    check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                request_serializer=lambda b: b, response_deserializer=lambda b: b)
    response = check(b"", timeout=5)
    status = response[1] if len(response) == 2 and response[0] == 0x08 else 0
    return {1: "SERVING", 2: "NOT_SERVING"}.get(status, "UNKNOWN")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--query", default=os.environ.get("STREAMLENS_QUERY_TARGET", "localhost:50052"))
    parser.add_argument("--ingest", default=os.environ.get("STREAMLENS_INGEST_TARGET", "localhost:50051"))
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds")
    parser.add_argument("command", choices=["health", "entity", "search", "links", "movers", "articles",
                                            "history", "watch", "publish-and-read", "publish-batch"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--count", type=int, default=1, help="watch: changes to print before exiting")
    parser.add_argument("--invalid-at", type=int, default=None, metavar="I",
                        help="publish-batch: make event I (zero-based) invalid on purpose")
    args = parser.parse_args()

    channel = grpc.insecure_channel(args.query)
    query = query_pb2_grpc.QueryServiceStub(channel)
    t = args.deadline
    try:
        if args.command == "health":
            emit({"status": health(channel)})
        elif args.command == "entity":
            emit(query.GetEntity(query_pb2.GetEntityRequest(entity_id=args.args[0]), timeout=t))
        elif args.command == "search":
            for e in query.SearchEntities(query_pb2.SearchEntitiesRequest(query=" ".join(args.args)), timeout=t).entities:
                emit(e)
        elif args.command == "links":
            depth = int(args.args[1]) if len(args.args) > 1 else 1
            for link in query.GetLinks(query_pb2.GetLinksRequest(entity_id=args.args[0], depth=depth), timeout=t).links:
                emit(link)
        elif args.command == "movers":
            metric = enum_value(events_pb2.MetricKind, "METRIC_KIND_", args.args[0])
            for d in query.TopMovers(query_pb2.TopMoversRequest(metric=metric), timeout=t).deltas:
                emit(d)
        elif args.command == "articles":
            request = query_pb2.ListArticlesRequest(entity_id=args.args[0], page_size=20)
            while True:  # follow the page tokens to the end
                page = query.ListArticles(request, timeout=t)
                for a in page.articles:
                    emit(a)
                if not page.next_page_token:
                    break
                request.page_token = page.next_page_token
        elif args.command == "history":
            metric = enum_value(events_pb2.MetricKind, "METRIC_KIND_", args.args[1])
            request = query_pb2.GetMetricHistoryRequest(entity_id=args.args[0], metric=metric)
            for d in query.GetMetricHistory(request, timeout=t).deltas:
                emit(d)
        elif args.command == "watch":
            stream = query.Watch(query_pb2.WatchRequest(entity_ids=args.args), timeout=t)
            stream.initial_metadata()  # the server sends headers once the watch is registered
            emit({"watching": args.args})
            for i, change in enumerate(stream):
                emit(change)
                if i + 1 >= args.count:
                    stream.cancel()
                    break
        elif args.command == "publish-and-read":
            publish_and_read(args, channel, query)
        elif args.command == "publish-batch":
            return publish_batch(args, query)
    except grpc.RpcError as e:
        emit({"error": e.code().name, "message": e.details()})
        return 1
    return 0


def publish_and_read(args, query_channel, query):
    """Publishes an article through IngestService, then reads it back from the
    view with the position Publish returned (read your writes)."""
    ingest = ingest_pb2_grpc.IngestServiceStub(grpc.insecure_channel(args.ingest))
    # Ingestion derives the article id from source, title and body, so a
    # re-sent article is the same article: the time in the title makes each
    # run a new one.
    article = events_pb2.NewsEvent(
        source="python-client",
        title="Alibaba and Norges Bank Investment Management discuss Taobao (%s)" % time.strftime("%H:%M:%S"),
        body="Alibaba Group chair Joe Tsai told Norges Bank Investment Management that Taobao and Tmall "
             "are growing again in China.")
    article.published_at.GetCurrentTime()
    article.title += " #%d" % article.published_at.nanos
    written = ingest.Publish(ingest_pb2.PublishRequest(news=article), timeout=args.deadline)
    emit({"published": written.event_id, "position": json_format.MessageToDict(written.position)})
    request = query_pb2.ListArticlesRequest(entity_id="company:baba", page_size=50)
    request.consistency.after.append(written.position)
    articles = query.ListArticles(request, timeout=args.deadline).articles
    emit({"read_back": any(a.article_id == written.event_id for a in articles),
          "articles_for_alibaba": len(articles)})


def code_name(code):
    """A grpc::StatusCode number (EventError.code) as its name: 3 -> INVALID_ARGUMENT."""
    return next((c.name for c in grpc.StatusCode if c.value[0] == code), str(code))


def publish_batch(args, query):
    """Publishes several articles in one PublishBatch (one Publish call, one
    answer with a result per event), prints each event's position or error,
    then reads the published ones back from the view."""
    count = int(args.args[0]) if args.args else 3
    if args.invalid_at is not None and not 0 <= args.invalid_at < count:
        raise SystemExit("--invalid-at %d: must be between 0 and %d" % (args.invalid_at, count - 1))
    ingest = ingest_pb2_grpc.IngestServiceStub(grpc.insecure_channel(args.ingest))
    batch = ingest_pb2.PublishBatch()
    stamp = "%s #%d" % (time.strftime("%H:%M:%S"), time.time_ns())  # a new article on every run
    for i in range(count):
        event = batch.events.add(request_tag="event-%d" % i)
        event.news.source = "python-client"
        if i == args.invalid_at:
            continue  # no title and no body: the server refuses this event
        event.news.title = "Alibaba's Taobao and Tmall in batch (%s, %d of %d)" % (stamp, i + 1, count)
        # No figures in the body: workers would republish them as earnings.
        event.news.body = "Alibaba Group chair Joe Tsai said Taobao and Tmall sales rose in China."
        event.news.published_at.GetCurrentTime()
    answer = ingest.Publish(ingest_pb2.PublishRequest(batch=batch), timeout=args.deadline)
    if len(answer.results) != count:  # a server that predates batches answers without results
        emit({"error": "BATCH_REFUSED", "message": "%d results for %d events: %s"
              % (len(answer.results), count, answer.error.message)})
        return 1
    written = []
    for r in answer.results:
        if r.HasField("error"):
            emit({"sequence": r.sequence, "request_tag": r.request_tag, "error": code_name(r.error.code),
                  "message": r.error.message})
        else:
            written.append(r)
            # Every field, offset 0 included (the JSON mapping leaves out zeros); int64 as a string.
            position = {"topic": r.position.topic, "partition": r.position.partition, "offset": str(r.position.offset)}
            emit({"sequence": r.sequence, "request_tag": r.request_tag, "published": r.event_id, "position": position})
    if written:
        request = query_pb2.ListArticlesRequest(entity_id="company:baba", page_size=50)
        request.consistency.after.extend(r.position for r in written)
        seen = {a.article_id for a in query.ListArticles(request, timeout=args.deadline).articles}
        emit({"read_back": all(r.event_id in seen for r in written), "published": len(written),
              "refused": count - len(written)})
    return 0 if len(written) == count else 1


if __name__ == "__main__":
    sys.exit(main())
