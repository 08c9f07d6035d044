// Package analyze understands the text of a social message: it tokenizes
// social French and English (URLs, mentions, hashtags, emoji, emoticons),
// folds case and accents, squashes elongations, marks negation scope, stems,
// identifies the language, and classifies the text with a trainable linear
// model (sentiment, routing class, noise). Engine ties these together behind
// the pipeline's Analyzer seam, with embedded default models, hot swap and
// rollback.
package analyze
