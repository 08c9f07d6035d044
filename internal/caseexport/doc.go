// Package caseexport creates a case in an external system (ERP, CRM,
// ticketing) from a conversation: an admin describes the target once (URL,
// method, headers, a body template, where the case's id and URL are in the
// answer); an agent sends a conversation there with one action. Message text
// is untrusted: the body template renders it through a JSON-escaping function
// and a template that could let it break the JSON is refused when saved.
package caseexport
