// Package replyeval measures the suggestions on conversations where an agent
// answered a customer with a support document: the replies-cdp format, one
// JSON object a line with customer_messages, agent_reply, doc_id, doc_url
// and brand. Each document becomes an answer, built from its agents' replies,
// the words of its link and its customers' messages as example questions;
// each query's messages are ranked and the right document's rank is scored.
package replyeval
