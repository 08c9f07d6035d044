// Package access decides who may do what: roles and their permissions, the
// departments a person may see, password hashes and API tokens. Deny by default.
package access

import "fmt"

// Role is what a person or a token is allowed to do.
type Role string

// The roles.
const (
	Admin     Role = "admin"
	Lead      Role = "lead"
	Agent     Role = "agent"
	Reviewer  Role = "reviewer"
	Executive Role = "executive"
	Analyst   Role = "analyst"
)

// Roles lists every role.
var Roles = []Role{Admin, Lead, Agent, Reviewer, Executive, Analyst}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want admin, lead, agent, reviewer, executive or analyst)", s)
}

// Permission is one kind of action.
type Permission string

// The permissions.
const (
	ReadMessages    Permission = "messages:read"
	WorkMessages    Permission = "messages:work" // assign, status, priority, re-route
	Ingest          Permission = "ingest"
	ReadConfig      Permission = "config:read"
	WriteConfig     Permission = "config:write" // departments and rules
	ManageUsers     Permission = "users:manage" // users and tokens
	ReadDeadLetters Permission = "deadletters:read"
	RetryDeadLetter Permission = "deadletters:retry"
	ReadAudit       Permission = "audit:read"
	ReadAnswers     Permission = "answers:read"       // the library of answers and key messages
	WriteAnswers    Permission = "answers:write"      // create, edit, import
	ApproveAnswers  Permission = "answers:approve"    // approve and retire
	ManageModels    Permission = "models:manage"      // retrain, activate and roll back the routing model
	ReadIncidents   Permission = "incidents:read"     // crisis incidents and their notifications
	ManageIncidents Permission = "incidents:manage"   // acknowledge, owner, holding statement, close
	ManageWebhooks  Permission = "webhooks:manage"    // outbound webhook subscriptions, their log, redelivery
	Privacy         Permission = "privacy"            // people: group identities, GDPR export and erase, retention
	ReadPeople      Permission = "people:read"        // profiles, tags, custom fields, segments, people search
	WritePeople     Permission = "people:write"       // bio, tags, notes, custom field values, segments
	ManageFields    Permission = "fields:manage"      // define the custom fields of people
	ManageCommunity Permission = "communities:manage" // communities, their members and assignment rules
	ReadAnalytics   Permission = "analytics:read"     // dashboards and their figures (JSON, CSV)
	ExportCases     Permission = "cases:export"       // send a conversation to an external system as a case
	ConfigureCases  Permission = "cases:configure"    // the external systems (ERP, CRM) cases go to
	ManageReports   Permission = "reports:manage"     // weekly reports per community: settings, preview, send
)

var grants = map[Role][]Permission{
	Admin:     {ReadMessages, WorkMessages, Ingest, ReadConfig, WriteConfig, ManageUsers, ReadDeadLetters, RetryDeadLetter, ReadAudit, ReadAnswers, WriteAnswers, ApproveAnswers, ManageModels, ReadIncidents, ManageIncidents, Privacy, ManageWebhooks, ReadAnalytics, ReadPeople, WritePeople, ManageFields, ManageCommunity, ExportCases, ConfigureCases, ManageReports},
	Lead:      {ReadMessages, WorkMessages, ReadConfig, WriteConfig, ReadDeadLetters, ReadAnswers, WriteAnswers, ApproveAnswers, ReadAnalytics, ReadPeople, WritePeople, ExportCases},
	Agent:     {ReadMessages, WorkMessages, ReadConfig, ReadAnswers, ReadPeople, WritePeople, ExportCases},
	Reviewer:  {ReadMessages, ReadConfig, ReadAnswers, ApproveAnswers, ReadPeople},
	Executive: {ReadMessages, ReadConfig, ReadAnswers, ReadIncidents, ManageIncidents, ReadAnalytics, ReadPeople},
	Analyst:   {ReadMessages, ReadConfig, ReadDeadLetters, ReadAnswers, ReadIncidents, ReadAnalytics, ReadPeople, WritePeople},
}

// Can reports whether role r has permission p. Unknown roles have none.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// SeesAllDepartments reports whether the role sees every queue; the others see
// only the departments they belong to.
func (r Role) SeesAllDepartments() bool {
	return r == Admin || r == Executive || r == Analyst
}
