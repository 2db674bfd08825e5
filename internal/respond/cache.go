package respond

// CacheImmutable is the Cache-Control of a content-addressed response (the
// wasm under its hash, the texts under theirs): its content can never
// change under its URL, so browsers and CDNs may keep it a year.
const CacheImmutable = "public, max-age=31536000, immutable"
