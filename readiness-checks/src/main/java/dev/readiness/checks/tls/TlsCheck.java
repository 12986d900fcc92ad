package dev.readiness.checks.tls;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.check.Scope;
import dev.readiness.checks.http.HttpClients;
import dev.readiness.checks.http.HttpMessages;
import dev.readiness.text.Words;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import okhttp3.HttpUrl;

/**
 * The {@code tls} check: makes one TLS handshake with the service's HTTPS URL and fails unless the
 * certificate chain is trusted (the JDK's trust store plus {@code <http><trustCertificates>}), the
 * certificate matches the host name, the protocol is TLS 1.2 or newer, and every certificate the
 * server sends (its own and the intermediates of its chain) stays valid for at least
 * {@code minDaysLeft} more days by the build's clock; the one that expires first is named. Each of
 * these has its own message and remedy; an unreachable host, a refused connection or a timeout is
 * an ERROR naming host, port and timeout. The evidence describes the certificate the server
 * presented, even when it is not trusted, and the chain's soonest expiry.
 */
public final class TlsCheck implements Check<TlsConfig> {

    private static final Set<String> MODERN_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    private static final Pattern CN = Pattern.compile("(?:^|,)CN=((?:\\\\.|[^,])+)");
    private static final int MAX_NAMES = 50;

    @Override
    public String id() {
        return "tls";
    }

    @Override
    public String description() {
        return "Verifies the TLS handshake of the service's HTTPS URL: a trusted certificate chain for its host name,"
                + " TLS 1.2 or newer, and every certificate the server sends (its own and its chain's) valid for at least"
                + " minDaysLeft more days.";
    }

    @Override
    public List<String> phrases() {
        return List.of("SSL/TLS certificates verified");
    }

    @Override
    public Class<TlsConfig> configType() {
        return TlsConfig.class;
    }

    @Override
    public Scope scope() {
        return Scope.BUILD;
    }

    @Override
    public Result run(TlsConfig config, CheckContext context) {
        String configured = config.url() != null ? config.url()
                : context.http().target() != null ? context.http().target().toString() : null;
        if (configured == null) {
            return Result.error("tls has no url and no <target> is configured")
                    .remedy("Set <target> to the deployed service's https:// base URL, or give the tls check a <url>.")
                    .build();
        }
        HttpUrl url = HttpUrl.parse(configured);
        if (url == null) {
            return Result.error("tls cannot probe '" + Words.oneLine(configured, 200) + "': it is not an http(s) URL")
                    .remedy("Set <target> (or the tls <url>) to the service's https:// URL.")
                    .build();
        }
        String origin = url.scheme() + "://" + url.host() + ":" + url.port();
        if (!url.isHttps()) {
            return Result.error("tls needs an https:// URL, but " + HttpMessages.display(url) + " is plain HTTP, so there is no certificate to verify")
                    .evidence("url", HttpMessages.display(url))
                    .remedy("Set the tls <url> (or <target>) to the service's https:// URL; a service that does not offer HTTPS cannot meet this item.")
                    .build();
        }
        TlsHandshake handshake;
        try {
            handshake = TlsHandshake.perform(HttpClients.forSettings(context.http()), url);
        } catch (IOException e) {
            return HttpClients.clientUnavailable("tls cannot probe " + origin, e)
                    .build();
        } catch (GeneralSecurityException e) {
            return Result.error("tls cannot set up TLS in this JVM: " + e.getMessage()).build();
        }
        List<Certificate> chain = Certificate.chain(handshake.chain(), context.clock().instant());
        if (chain.isEmpty()) {
            return noCertificate(handshake.failure(), url, origin, context);
        }
        Certificate leaf = chain.get(0);
        Certificate soonest = chain.stream().min(Comparator.comparing(Certificate::notAfter)).orElseThrow();
        List<Problem> problems = problems(handshake, leaf, soonest, url, origin, config.minDaysLeft());
        Result.Builder result;
        if (problems.isEmpty()) {
            result = Result.pass("the certificate of " + origin + " is trusted, matches " + url.host() + " and is valid for another "
                    + days(soonest.daysLeft) + " (until " + soonest.notAfterDate()
                    + (soonest == leaf ? "" : ", when " + soonest.named(origin) + " expires") + "); " + handshake.protocol());
        } else if (problems.get(0).fail) {
            result = Result.fail(problems.get(0).message);
        } else {
            result = Result.error(problems.get(0).message);
        }
        result.measured(days(soonest.daysLeft) + " left" + (handshake.protocol() == null ? "" : ", " + handshake.protocol()))
                .expected("a trusted chain for " + url.host() + ", TLS 1.2 or newer, at least " + days(config.minDaysLeft())
                        + " left on every certificate")
                .evidence("url", HttpMessages.display(url))
                .evidence("subject", leaf.subject())
                .evidence("issuer", leaf.issuer())
                .evidence("sans", leaf.names)
                .evidence("notAfter", soonest.notAfter().toString())
                .evidence("daysLeft", soonest.daysLeft)
                .evidence("expiresFirst", soonest.subject())
                .evidence("protocol", handshake.protocol())
                .evidence("cipher", handshake.cipher())
                .evidence("chainLength", leaf.chainLength);
        if (!problems.isEmpty()) {
            for (Problem problem : problems) {
                result.finding(Finding.of(problem.message).key(problem.key).at(origin).build());
            }
            result.remedy(String.join(" ", problems.stream().map(p -> p.remedy).distinct().toList()));
        }
        return result.build();
    }

    /** No certificate was seen: the host could not be reached, or it refused every protocol we offer, or it does not speak TLS. */
    private static Result noCertificate(IOException failure, HttpUrl url, String origin, CheckContext context) {
        if (failure instanceof SSLHandshakeException && String.valueOf(failure.getMessage()).contains("protocol_version")) {
            return Result.fail(origin + " accepts neither TLS 1.3 nor TLS 1.2 (the server answered the handshake with"
                            + " protocol_version), but expected TLS 1.2 or newer")
                    .measured("older than TLS 1.2")
                    .expected("TLS 1.2 or newer")
                    .evidence("url", HttpMessages.display(url))
                    .remedy("Enable TLS 1.2 and TLS 1.3 on the server and turn off TLS 1.0 and 1.1.")
                    .build();
        }
        if (failure == null) {
            return Result.error("the TLS handshake with " + origin + " presented no certificate")
                    .evidence("url", HttpMessages.display(url))
                    .remedy("Configure the server with a certificate for " + url.host() + ".")
                    .build();
        }
        context.log().debug("tls: the handshake with " + origin + " failed: " + failure);
        return Result.error(HttpMessages.describe(failure, url, context.http().timeout()))
                .evidence("url", HttpMessages.display(url))
                .evidence("host", url.host())
                .evidence("port", url.port())
                .evidence("timeout", Words.duration(context.http().timeout()))
                .remedy(failure instanceof javax.net.ssl.SSLException
                        ? "Check that " + origin + " serves TLS (not plain HTTP) and accepts TLS 1.2 or newer."
                        : HttpMessages.UNREACHABLE_REMEDY)
                .build();
    }

    /** Every unmet requirement, the most fundamental first; {@code soonest} is the certificate of the chain that expires first. */
    private static List<Problem> problems(TlsHandshake handshake, Certificate leaf, Certificate soonest, HttpUrl url, String origin,
                                          int minDaysLeft) {
        List<Problem> problems = new ArrayList<>();
        IOException failure = handshake.failure();
        boolean rejectedForDates = causedBy(failure, CertificateExpiredException.class)
                || causedBy(failure, CertificateNotYetValidException.class);
        boolean expired = soonest.daysLeft < 0 || causedBy(failure, CertificateExpiredException.class);
        boolean notYetValid = leaf.notYetValid || causedBy(failure, CertificateNotYetValidException.class);
        if (failure instanceof SSLPeerUnverifiedException) {
            problems.add(Problem.fail("tls-host-mismatch", "the certificate of " + origin + " is issued for " + leaf.namesForMessage()
                            + ", not for " + url.host(),
                    "Serve a certificate whose subject alternative names include " + url.host()
                            + ", or point the tls <url> at a host name the certificate covers."));
        } else if (failure != null && !rejectedForDates && isTrustFailure(failure)) {
            problems.add(Problem.fail("tls-untrusted-chain", "the certificate chain of " + origin + " is not trusted: " + trustReason(failure, leaf)
                            + "; add its CA to <http><trustCertificates> or serve a certificate from a publicly trusted CA",
                    "If the service uses a private CA, add that CA's certificate (PEM) to <http><trustCertificates>;"
                            + " otherwise serve a certificate from a publicly trusted CA, with its intermediate certificates."));
        } else if (failure != null && !rejectedForDates) {
            problems.add(Problem.error("tls-handshake-failed", "the TLS handshake with " + origin + " failed after the server presented its certificate: "
                            + Words.oneLine(rootMessage(failure), 300),
                    "Check the server's TLS configuration for " + url.host() + "."));
        }
        if (expired) {
            long ago = -soonest.daysLeft;
            problems.add(Problem.fail("tls-expired", soonest.named(origin) + " expired on " + soonest.notAfterDate()
                            + (ago > 0 ? " (" + days(ago) + " ago)" : ""),
                    soonest.renewal("Renew the certificate and deploy it (automate renewal, e.g. with ACME, so it cannot lapse).")));
        } else if (notYetValid) {
            problems.add(Problem.fail("tls-not-yet-valid", "the certificate of " + origin + " is not valid before " + leaf.notBeforeDate(),
                    "Check the certificate's validity dates and the server's clock, or deploy a certificate that is valid now."));
        }
        if (handshake.protocol() != null && !MODERN_PROTOCOLS.contains(handshake.protocol())) {
            problems.add(Problem.fail("tls-old-protocol", origin + " negotiated " + handshake.protocol() + ", but expected TLS 1.2 or newer",
                    "Enable TLS 1.2 and TLS 1.3 on the server and turn off TLS 1.0 and 1.1."));
        }
        if (!expired && !notYetValid && soonest.daysLeft < minDaysLeft) {
            problems.add(Problem.fail("tls-expires-soon", soonest.named(origin) + " expires in " + days(soonest.daysLeft) + " ("
                            + soonest.notAfterDate() + "), but expected at least " + minDaysLeft,
                    soonest.renewal("Renew the certificate before it expires (automate renewal, e.g. with ACME).")));
        }
        return problems;
    }

    private static boolean isTrustFailure(IOException failure) {
        return causedBy(failure, CertificateException.class) || causedBy(failure, CertPathValidatorException.class)
                || causedBy(failure, CertPathBuilderException.class);
    }

    private static String trustReason(IOException failure, Certificate leaf) {
        String reason = Words.oneLine(rootMessage(failure), 200);
        if (leaf.chainLength == 1 && leaf.certificate.getSubjectX500Principal().equals(leaf.certificate.getIssuerX500Principal())) {
            return reason + " (a self-signed certificate, " + leaf.subject() + ")";
        }
        return reason + " (issued by " + leaf.issuer() + ")";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return HttpMessages.find(failure, type) != null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = HttpMessages.deepest(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    /** One unmet requirement: FAIL when it is a fact about the server, ERROR when the handshake broke for another reason. */
    private record Problem(String key, boolean fail, String message, String remedy) {
        static Problem fail(String key, String message, String remedy) {
            return new Problem(key, true, message, remedy);
        }

        static Problem error(String key, String message, String remedy) {
            return new Problem(key, false, message, remedy);
        }
    }

    /** One certificate of the chain the server sent, as the evidence shows it, judged against the build's clock. */
    private static final class Certificate {
        final X509Certificate certificate;
        final int position;
        final int chainLength;
        final long daysLeft;
        final boolean notYetValid;
        final List<String> names;

        Certificate(X509Certificate certificate, int position, int chainLength, Instant now) {
            this.certificate = certificate;
            this.position = position;
            this.chainLength = chainLength;
            this.daysLeft = Math.floorDiv(certificate.getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond(), 86_400L);
            this.notYetValid = now.isBefore(certificate.getNotBefore().toInstant());
            this.names = subjectAlternativeNames(certificate);
        }

        /** The chain the server sent, its own certificate first; empty when it sent none. */
        static List<Certificate> chain(List<X509Certificate> presented, Instant now) {
            if (presented == null) {
                return List.of();
            }
            List<Certificate> chain = new ArrayList<>();
            for (X509Certificate certificate : presented) {
                chain.add(new Certificate(certificate, chain.size(), presented.size(), now));
            }
            return chain;
        }

        /** "the certificate of https://host:443" for the server's own, else its subject and place in the chain. */
        String named(String origin) {
            return position == 0 ? "the certificate of " + origin
                    : "the certificate '" + subject() + "' (" + (position + 1) + " of " + chainLength + " in the chain of " + origin + ")";
        }

        /** The remedy for a certificate that expires: the server's own is renewed, a chain certificate replaced by the CA's current one. */
        String renewal(String renewOwn) {
            return position == 0 ? renewOwn : "Replace '" + subject() + "' in the chain the server sends with the CA's current"
                    + " certificate (renewing the server's certificate, e.g. with ACME, usually brings the current chain).";
        }

        String subject() {
            return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        }

        String issuer() {
            return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
        }

        Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }

        LocalDate notAfterDate() {
            return LocalDate.ofInstant(notAfter(), ZoneOffset.UTC);
        }

        LocalDate notBeforeDate() {
            return LocalDate.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC);
        }

        /** The names the certificate covers, for a message: its SANs, else its common name. */
        String namesForMessage() {
            if (!names.isEmpty()) {
                return String.join(", ", names.subList(0, Math.min(5, names.size())))
                        + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
            }
            Matcher cn = CN.matcher(subject());
            return cn.find() ? cn.group(1) : subject();
        }

        private static List<String> subjectAlternativeNames(X509Certificate certificate) {
            Collection<List<?>> entries;
            try {
                entries = certificate.getSubjectAlternativeNames();
            } catch (CertificateParsingException e) {
                return List.of();
            }
            if (entries == null) {
                return List.of();
            }
            Set<String> names = new LinkedHashSet<>();
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if ((type == 2 || type == 7) && entry.get(1) instanceof String name && names.size() < MAX_NAMES) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
            return List.copyOf(names);
        }
    }
}
