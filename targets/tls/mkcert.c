/* mkcert CERT.pem KEY.pem: a self-signed certificate for 127.0.0.1 and
 * localhost (P-256, SHA-256, ten years), made at build time with
 * libcrypto so that the build needs libssl-dev but not the openssl tool. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>

static void fail(const char *what)
{
    fprintf(stderr, "mkcert: %s failed\n", what);
    exit(1);
}

static void add_ext(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (!ext || !X509_add_ext(cert, ext, -1))
        fail("X509_add_ext");
    X509_EXTENSION_free(ext);
}

static X509 *make_cert(EVP_PKEY *key)
{
    X509 *cert = X509_new();
    if (!cert)
        fail("X509_new");
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               (const unsigned char *)"heisen tls target", -1, -1, 0);
    X509_set_issuer_name(cert, name);
    add_ext(cert, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(cert, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    if (!X509_sign(cert, key, EVP_sha256()))
        fail("X509_sign");
    return cert;
}

static void write_pem(const char *path, EVP_PKEY *key, X509 *cert)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail(path);
    int ok = cert ? PEM_write_X509(f, cert)
                  : PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL);
    if (!ok || fclose(f) != 0)
        fail(path);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkcert CERT.pem KEY.pem\n");
        return 2;
    }
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key)
        fail("EVP_EC_gen");
    X509 *cert = make_cert(key);
    write_pem(argv[2], key, NULL);
    write_pem(argv[1], key, cert);
    X509_free(cert);
    EVP_PKEY_free(key);
    return 0;
}
