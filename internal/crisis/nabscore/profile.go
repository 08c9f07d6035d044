package nabscore

import "fmt"

// Profile holds the weights of one NAB application profile.
type Profile struct {
	TP float64 // reward of a detection at the very start of a window
	FP float64 // cost of a detection far from any window
	FN float64 // cost of a window with no detection
}

// Profiles are NAB's three standard profiles, by name.
var Profiles = map[string]Profile{
	"standard":           {TP: 1.0, FP: 0.11, FN: 1.0},
	"reward_low_FP_rate": {TP: 1.0, FP: 0.22, FN: 1.0},
	"reward_low_FN_rate": {TP: 1.0, FP: 0.11, FN: 2.0},
}

// LookupProfile returns the profile with the given name.
func LookupProfile(name string) (Profile, error) {
	p, ok := Profiles[name]
	if !ok {
		return Profile{}, fmt.Errorf("nabscore: unknown profile %q", name)
	}
	return p, nil
}
