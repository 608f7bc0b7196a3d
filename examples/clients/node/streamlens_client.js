#!/usr/bin/env node
// A Node client for Streamlens: @grpc/grpc-js with the project's protos loaded
// at run time by @grpc/proto-loader, so it always matches the server.
//
//   node streamlens_client.js --query localhost:50052 entity company:baba
//   node streamlens_client.js --query localhost:50052 movers revenue
//   node streamlens_client.js --query localhost:50052 --ingest localhost:50051 publish-and-read
//   node streamlens_client.js --query localhost:50052 --ingest localhost:50051 publish-batch 3 --invalid-at 1
//   node streamlens_client.js --query localhost:50052 watch company:baba
//
// Every command prints JSON, one object per line, so scripts can check it.
//
// publish-batch [N] publishes N articles (default 3) in one PublishBatch and
// prints one line per event: its position, or the error naming the field from
// the batch ("events[1].news.title: ..."). --invalid-at I leaves event I
// without title and body, so the server refuses that one event and publishes
// the others. It then reads the published articles back from the view (read
// your writes). The exit status is 1 when any event was refused.
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', '..', 'proto');

function loadApi() {
  const definition = protoLoader.loadSync(
    ['streamlens/v1/query.proto', 'streamlens/v1/ingest.proto'],
    // Enums as their names, int64 as strings (exact money), defaults filled in.
    { includeDirs: [PROTO_ROOT], keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
  return grpc.loadPackageDefinition(definition).streamlens.v1;
}

function parseArgs(argv) {
  const options = {
    query: process.env.STREAMLENS_QUERY_TARGET || 'localhost:50052',
    ingest: process.env.STREAMLENS_INGEST_TARGET || 'localhost:50051',
    deadlineMs: 10000,
    count: 1,
    invalidAt: null,
    positional: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg}: missing value`);
      return argv[++i];
    };
    if (arg === '--query') options.query = value();
    else if (arg === '--ingest') options.ingest = value();
    else if (arg === '--deadline-ms') options.deadlineMs = Number(value());
    else if (arg === '--count') options.count = Number(value());
    else if (arg === '--invalid-at') options.invalidAt = Number(value());
    else if (arg.startsWith('--')) throw new Error(`unknown flag ${arg}`);
    else options.positional.push(arg);
  }
  return options;
}

// Wraps a unary call in a promise with a deadline.
function call(client, method, request, deadlineMs) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, response) =>
      err ? reject(err) : resolve(response));
  });
}

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

function metricName(text) {
  const name = text.toUpperCase().replace(/-/g, '_');
  return name.startsWith('METRIC_KIND_') ? name : `METRIC_KIND_${name}`;
}

// Publishes `count` articles in one PublishBatch (one Publish call, one answer
// with a result per event), prints each event's position or error, then reads
// the published ones back from the view. Returns the exit status.
async function publishBatch(api, query, count, options) {
  const bad = options.invalidAt;
  if (!Number.isInteger(count) || count < 1) throw new Error(`publish-batch: ${count} is not a number of events`);
  if (bad !== null && !(Number.isInteger(bad) && bad >= 0 && bad < count)) {
    throw new Error(`--invalid-at ${bad}: must be between 0 and ${count - 1}`);
  }
  const ingest = new api.IngestService(options.ingest, grpc.credentials.createInsecure());
  const now = Date.now();
  const stamp = `${new Date(now).toISOString()} #${process.hrtime.bigint()}`; // a new article on every run
  const events = [];
  for (let i = 0; i < count; i++) {
    const news = { source: 'node-client' };
    if (i !== bad) { // the invalid one has no title and no body
      news.title = `Alibaba's Tmall and Taobao in batch (${stamp}, ${i + 1} of ${count})`;
      // No figures in the body: workers would republish them as earnings.
      news.body = 'Alibaba Group chair Joe Tsai said Tmall and Taobao sales rose in China.';
      news.publishedAt = { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1e6 };
    }
    events.push({ news, requestTag: `event-${i}` });
  }
  const answer = await call(ingest, 'Publish', { batch: { events } }, options.deadlineMs);
  ingest.close();
  if (answer.results.length !== count) { // a server that predates batches answers without results
    emit({ error: 'BATCH_REFUSED', message: `${answer.results.length} results for ${count} events: ${answer.error ? answer.error.message : ''}` });
    return 1;
  }
  const written = [];
  for (const r of answer.results) {
    if (r.error) {
      emit({ sequence: Number(r.sequence), request_tag: r.requestTag, error: grpc.status[r.error.code] || String(r.error.code), message: r.error.message });
    } else {
      written.push(r);
      emit({ sequence: Number(r.sequence), request_tag: r.requestTag, published: r.eventId, position: r.position });
    }
  }
  if (written.length > 0) {
    const page = await call(query, 'ListArticles',
      { entityId: 'company:baba', pageSize: 50, consistency: { after: written.map((r) => r.position) } }, options.deadlineMs);
    const seen = new Set(page.articles.map((a) => a.articleId));
    emit({ read_back: written.every((r) => seen.has(r.eventId)), published: written.length, refused: count - written.length });
  }
  return written.length === count ? 0 : 1;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const [command, ...rest] = options.positional;
  const api = loadApi();
  const query = new api.QueryService(options.query, grpc.credentials.createInsecure());
  const t = options.deadlineMs;
  switch (command) {
    case 'entity':
      emit(await call(query, 'GetEntity', { entityId: rest[0] }, t));
      break;
    case 'search':
      for (const e of (await call(query, 'SearchEntities', { query: rest.join(' ') }, t)).entities) emit(e);
      break;
    case 'links':
      for (const l of (await call(query, 'GetLinks', { entityId: rest[0], depth: Number(rest[1] || 1) }, t)).links) emit(l);
      break;
    case 'movers':
      for (const d of (await call(query, 'TopMovers', { metric: metricName(rest[0]) }, t)).deltas) emit(d);
      break;
    case 'articles': {
      let pageToken = '';
      do { // follow the page tokens to the end
        const page = await call(query, 'ListArticles', { entityId: rest[0], pageSize: 20, pageToken }, t);
        page.articles.forEach(emit);
        pageToken = page.nextPageToken;
      } while (pageToken);
      break;
    }
    case 'history':
      for (const d of (await call(query, 'GetMetricHistory', { entityId: rest[0], metric: metricName(rest[1]) }, t)).deltas) emit(d);
      break;
    case 'watch':
      await new Promise((resolve, reject) => {
        const stream = query.Watch({ entityIds: rest }, { deadline: Date.now() + t });
        let seen = 0;
        // The server sends headers once the watch is registered.
        stream.on('metadata', () => emit({ watching: rest }));
        stream.on('data', (change) => {
          emit(change);
          if (++seen >= options.count) {
            stream.cancel();
            resolve();
          }
        });
        stream.on('error', (err) => (err.code === grpc.status.CANCELLED ? resolve() : reject(err)));
        stream.on('end', resolve);
      });
      break;
    case 'publish-and-read': {
      // Publish an article, then read it back with the position Publish
      // returned: the view answers once it has processed it (read your writes).
      const ingest = new api.IngestService(options.ingest, grpc.credentials.createInsecure());
      // Ingestion derives the article id from source, title and body, so a
      // re-sent article is the same article: the time in the title makes
      // each run a new one.
      const now = Date.now();
      const written = await call(ingest, 'Publish', {
        news: {
          source: 'node-client',
          title: `Alibaba lifts Tmall spending as Joe Tsai meets Nicolai Tangen (${new Date(now).toISOString()})`,
          body: 'Alibaba Group chair Joe Tsai met Nicolai Tangen of Norges Bank Investment Management to discuss Taobao and Tmall.',
          publishedAt: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1e6 },
        },
      }, t);
      emit({ published: written.eventId, position: written.position });
      const page = await call(query, 'ListArticles',
        { entityId: 'company:baba', pageSize: 50, consistency: { after: [written.position] } }, t);
      emit({ read_back: page.articles.some((a) => a.articleId === written.eventId), articles_for_alibaba: page.articles.length });
      ingest.close();
      break;
    }
    case 'publish-batch':
      process.exitCode = await publishBatch(api, query, Number(rest[0] || 3), options);
      break;
    default:
      throw new Error(`unknown command "${command}"; one of entity, search, links, movers, articles, history, watch, publish-and-read, publish-batch`);
  }
  query.close();
}

main().catch((err) => {
  emit({ error: err.code !== undefined ? grpc.status[err.code] : 'USAGE', message: err.details || err.message });
  process.exit(1);
});
