/*
 * codesign: sign a file for the BOINC client the way a BOINC project does,
 * so that the test rig's fake project can hand out an application.
 *
 *   codesign PUBKEY_OUT FILE  > FILE.sig
 *
 * Makes a fresh RSA-1024 key, writes its public half to PUBKEY_OUT in
 * BOINC's text format (what a scheduler reply carries in <code_sign_key>)
 * and prints the signature of FILE in BOINC's format (what a <file_info>
 * carries in <file_signature>).  The private key is never written: the
 * client accepts the first <code_sign_key> a project sends without checking
 * it, so a throwaway key per run is enough.
 *
 * BOINC 7.20.5, lib/crypt.cpp:
 *   public key: "<bits>\n", then the modulus and the exponent, each padded
 *               to 128 bytes, in hex, 32 bytes per line, then ".\n";
 *   signature:  a raw PKCS#1 v1.5 type-1 private-key operation on the
 *               32-character MD5 hex string of the file (no DigestInfo),
 *               in hex, 32 bytes per line, then ".\n".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#define KEY_BITS	1024
#define KEY_BYTES	(KEY_BITS / 8)	/* BOINC's MAX_RSA_MODULUS_LEN */
#define MD5_HEX_LEN	32

/* Print bytes the way BOINC's print_hex_data() does: 32 per line, then ".". */
static void print_hex_block(FILE *out, const unsigned char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		fprintf(out, "%02x", data[i]);
		if (i % 32 == 31)
			fputc('\n', out);
	}
	if (len % 32 != 0)
		fputc('\n', out);
	fputs(".\n", out);
}

/* Fetch one big-number parameter of the key, left-padded to KEY_BYTES. */
static int get_padded_param(const EVP_PKEY *key, const char *name,
			    unsigned char out[KEY_BYTES])
{
	BIGNUM *bn = NULL;
	int ok;

	if (!EVP_PKEY_get_bn_param(key, name, &bn))
		return 0;
	ok = BN_bn2binpad(bn, out, KEY_BYTES) == KEY_BYTES;
	BN_free(bn);
	return ok;
}

/* Write the public key in BOINC's text format (print_key_hex). */
static int write_public_key(const EVP_PKEY *key, const char *path)
{
	unsigned char data[2 * KEY_BYTES];
	FILE *out;

	if (!get_padded_param(key, OSSL_PKEY_PARAM_RSA_N, data) ||
	    !get_padded_param(key, OSSL_PKEY_PARAM_RSA_E, data + KEY_BYTES))
		return 0;
	out = fopen(path, "w");
	if (!out)
		return 0;
	fprintf(out, "%d\n", KEY_BITS);
	print_hex_block(out, data, sizeof data);
	return fclose(out) == 0;
}

/* The MD5 of a file as the 32 lower-case hex characters BOINC signs. */
static int md5_hex_of_file(const char *path, char hex[MD5_HEX_LEN + 1])
{
	unsigned char buf[65536], digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	FILE *in = fopen(path, "rb");
	size_t n;
	int ok = ctx && in && EVP_DigestInit_ex(ctx, EVP_md5(), NULL);

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n);
	ok = ok && !ferror(in) && EVP_DigestFinal_ex(ctx, digest, &digest_len);
	for (unsigned int i = 0; ok && i < digest_len; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	if (in)
		fclose(in);
	EVP_MD_CTX_free(ctx);
	return ok && digest_len * 2 == MD5_HEX_LEN;
}

/*
 * Sign the MD5 hex string with PKCS#1 v1.5 type-1 padding and no digest
 * set, which OpenSSL performs as the raw private-key operation that
 * BOINC's check_file_signature() undoes with RSA_public_decrypt().
 */
static int sign_md5_hex(EVP_PKEY *key, const char *md5_hex,
			unsigned char sig[KEY_BYTES])
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	size_t sig_len = KEY_BYTES;
	int ok = ctx && EVP_PKEY_sign_init(ctx) > 0 &&
		 EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
		 EVP_PKEY_sign(ctx, sig, &sig_len,
			       (const unsigned char *)md5_hex, MD5_HEX_LEN) > 0;

	EVP_PKEY_CTX_free(ctx);
	return ok && sig_len == KEY_BYTES;
}

int main(int argc, char **argv)
{
	char md5_hex[MD5_HEX_LEN + 1];
	unsigned char sig[KEY_BYTES];
	EVP_PKEY *key;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PUBKEY_OUT FILE > FILE.sig\n", argv[0]);
		return 2;
	}
	if (!md5_hex_of_file(argv[2], md5_hex)) {
		fprintf(stderr, "codesign: cannot read %s\n", argv[2]);
		return 1;
	}
	key = EVP_RSA_gen(KEY_BITS);
	if (!key || !write_public_key(key, argv[1]) ||
	    !sign_md5_hex(key, md5_hex, sig)) {
		fprintf(stderr, "codesign: key generation or signing failed\n");
		EVP_PKEY_free(key);
		return 1;
	}
	print_hex_block(stdout, sig, sizeof sig);
	EVP_PKEY_free(key);
	return fflush(stdout) == 0 ? 0 : 1;
}
