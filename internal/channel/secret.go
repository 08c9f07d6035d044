package channel

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// SecretKeyEnv names the environment variable holding the secrets key.
const SecretKeyEnv = "SWITCHBOARD_SECRET_KEY"

// ErrNoKey is returned when secrets must be sealed or opened without a key.
var ErrNoKey = errors.New(SecretKeyEnv + " is not set: account secrets are stored only encrypted; " +
	"set it to 32 random bytes in base64 (openssl rand -base64 32)")

const sealedPrefix = "v1:"

// Keyring seals account secrets with AES-256-GCM. A nil *Keyring has no key:
// it refuses to seal anything and opens only "no secrets".
type Keyring struct{ aead cipher.AEAD }

// KeyringFromEnv reads SWITCHBOARD_SECRET_KEY; unset gives a nil keyring.
func KeyringFromEnv() (*Keyring, error) {
	v := os.Getenv(SecretKeyEnv)
	if v == "" {
		return nil, nil
	}
	k, err := NewKeyring(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SecretKeyEnv, err)
	}
	return k, nil
}

// NewKeyring takes a 32-byte key written in base64 or hex.
func NewKeyring(encoded string) (*Keyring, error) {
	key, err := decodeKey(strings.TrimSpace(encoded))
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return &Keyring{aead: aead}, nil
}

func decodeKey(s string) ([]byte, error) {
	for _, dec := range []func(string) ([]byte, error){
		base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString,
	} {
		if b, err := dec(s); err == nil && len(b) == 32 {
			return b, nil
		}
	}
	return nil, errors.New("the secret key must be 32 bytes written in base64 or hex (openssl rand -base64 32)")
}

// Seal encrypts secrets bound to what (the account's kind and handle): a
// sealed value moved to another account does not open. No secrets seal to "".
func (k *Keyring) Seal(secrets map[string]string, what string) (string, error) {
	if len(secrets) == 0 {
		return "", nil
	}
	if k == nil {
		return "", ErrNoKey
	}
	plain, err := json.Marshal(secrets)
	if err != nil {
		return "", fmt.Errorf("seal secrets: %w", err)
	}
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal secrets: %w", err)
	}
	out := k.aead.Seal(nonce, nonce, plain, []byte(what))
	return sealedPrefix + base64.StdEncoding.EncodeToString(out), nil
}

// Open decrypts what Seal made for the same what.
func (k *Keyring) Open(sealed, what string) (map[string]string, error) {
	if sealed == "" {
		return map[string]string{}, nil
	}
	if k == nil {
		return nil, ErrNoKey
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(sealed, sealedPrefix))
	if err != nil || !strings.HasPrefix(sealed, sealedPrefix) || len(raw) < k.aead.NonceSize() {
		return nil, errors.New("open secrets: not a sealed value")
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, raw[:n], raw[n:], []byte(what))
	if err != nil {
		return nil, errors.New("open secrets: wrong key or altered value")
	}
	out := map[string]string{}
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, fmt.Errorf("open secrets: %w", err)
	}
	return out, nil
}
