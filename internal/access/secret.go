package access

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// TokenPrefix starts every API token, so a leaked one is easy to recognise.
const TokenPrefix = "sb_"

// NewToken makes a random API token and the hash the store keeps of it.
func NewToken() (plain, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("token: %w", err)
	}
	plain = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return plain, HashToken(plain), nil
}

// HashToken is the stored form of a token: a SHA-256, as tokens are random and long.
func HashToken(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// HashPassword hashes a password with bcrypt.
func HashPassword(pw string) (string, error) {
	if len(pw) < MinPasswordLength {
		return "", fmt.Errorf("password: at least %d characters", MinPasswordLength)
	}
	if len(pw) > 72 {
		return "", errors.New("password: at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("password: %w", err)
	}
	return string(h), nil
}

// CheckPassword reports whether pw matches the hash.
func CheckPassword(hash, pw string) bool {
	return strings.HasPrefix(hash, "$2") && bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}
