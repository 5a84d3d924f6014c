// Runs OpenActive's own validators against feeds served by a test server and prints
// {"failures": [...], "warnings": n, "items": n} as JSON. Usage:
//   node openactive_validate.js ACTIVITY_LIST_JSONLD CACHE_DIR FEED_URL...
// The activity list is given offline: the data model validator reads it from its JSON
// cache (a file named after the SHA-256 of the list's URL), so it never goes online.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { RpdeValidator } = require('@openactive/rpde-validator');
const { validate } = require('@openactive/data-model-validator');

const LIST_URL = 'https://openactive.io/activity-list';
const [listFile, cacheDir, ...feeds] = process.argv.slice(2);

function seedCache() {
  fs.mkdirSync(cacheDir, { recursive: true });
  const key = crypto.createHash('sha256').update(LIST_URL).digest('hex');
  fs.writeFileSync(path.join(cacheDir, `${key}.json`), JSON.stringify({
    errorCode: 'error_none',
    statusCode: 200,
    url: LIST_URL,
    contentType: 'application/ld+json',
    exception: null,
    fetchTime: Date.now(),
    data: JSON.parse(fs.readFileSync(listFile, 'utf8')),
  }));
}

async function walk(url) {
  const pages = [];
  const seen = new Set();
  while (!seen.has(url) && pages.length < 1000) {
    seen.add(url);
    const response = await fetch(url);
    const page = await response.json();
    pages.push(page);
    if (!page.items || page.items.length === 0) break;
    url = page.next;
  }
  return pages;
}

async function main() {
  seedCache();
  const options = {
    loadRemoteJson: true,
    remoteJsonCachePath: cacheDir,
    remoteJsonCacheTimeToLive: 3600 * 24 * 365,
  };
  const failures = [];
  let warnings = 0;
  let items = 0;
  for (const feed of feeds) {
    const log = await RpdeValidator(feed, { pageLimit: 50, timeoutMs: 30000 });
    for (const page of log.pages) {
      for (const error of page.errors) {
        if (error.severity === 'failure') {
          failures.push({ validator: 'rpde', url: page.url, message: error.message });
        } else {
          warnings += 1;
        }
      }
    }
    for (const page of await walk(feed)) {
      for (const item of page.items || []) {
        if (item.state !== 'updated') continue;
        items += 1;
        const errors = await validate(item.data, options);
        for (const error of errors) {
          if (error.severity === 'failure') {
            failures.push({
              validator: 'data-model', feed, id: item.id, path: error.path, message: error.message,
            });
          } else {
            warnings += 1;
          }
        }
      }
    }
  }
  process.stdout.write(JSON.stringify({ failures, warnings, items }));
}

main().catch((error) => {
  process.stderr.write(String(error.stack || error));
  process.exit(2);
});
