package dev.readiness.checks.edge;

import dev.readiness.check.Finding;
import dev.readiness.check.Result;
import dev.readiness.text.Words;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Decides {@code edge.dns} with dnsjava: every configured record resolves to exactly its expected values, no name the
 * service is served under is a CNAME to a name that does not resolve (dangling), and the CAA record set that governs each
 * such name (RFC 8659: the first found climbing from the name towards the root) lets the issuer of the certificate the
 * target serves issue for it. The only class of the check that touches dnsjava, so its classes load only when it runs.
 */
final class DnsVerifier {

    /**
     * The CAA domains of well-known certificate authorities, by a word of their certificates' issuer name (the
     * organisation, O=). A CAA record naming any of an authority's domains lets it issue; from the domains each
     * authority publishes in its Certificate Policy (section 4.2.1).
     */
    static final Map<String, Set<String>> ISSUERS = issuers();

    private static final Set<String> KNOWN_CAA_TAGS = Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc",
            "contactemail", "contactphone");

    private final Resolver resolver;
    private final String resolverName;
    private final Duration timeout;
    /** The first question the resolver left unanswered: after it, no more are asked, so a dead resolver costs one timeout. */
    private String unanswered;

    DnsVerifier(String dnsServer, Duration timeout) throws UnknownHostException {
        this.timeout = timeout;
        if (dnsServer != null) {
            InetSocketAddress server = EdgeConfig.address(dnsServer);
            SimpleResolver simple = new SimpleResolver(new InetSocketAddress(server.getHostString(), server.getPort()));
            simple.setTimeout(timeout);
            resolver = simple;
            resolverName = "the DNS server " + dnsServer;
        } else {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            system.setRetries(1);
            resolver = system;
            resolverName = "the system's DNS resolver";
        }
    }

    /**
     * The verdict on {@code edge.dns}: FAIL naming each record, dangling CNAME and CAA refusal found; else ERROR when a
     * question went unanswered or the issuer's CAA domain is unknown where CAA restricts issuance; else PASS.
     *
     * @param records     the configured records, at least one
     * @param servedNames names the service is served under besides the records' (the page's host), checked for dangling
     *                    CNAMEs and CAA
     * @param issuer      the issuer's distinguished name of the certificate the target serves, or {@code null} (not HTTPS)
     * @param caaIssuer   the configured CAA domain of the issuer, or {@code null}
     */
    Result verify(List<EdgeConfig.DnsRecord> records, Set<String> servedNames, String issuer, String caaIssuer) {
        List<Finding> findings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> evidence = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (EdgeConfig.DnsRecord record : records) {
            if (Set.of("A", "AAAA", "CNAME").contains(record.type())) {
                names.add(record.name());
            }
            try {
                evidence.add(checkRecord(record, findings));
            } catch (DnsException e) {
                errors.add(e.getMessage());
            }
        }
        names.addAll(servedNames);
        Set<String> caaDomains = caaIssuer != null ? Set.of(caaIssuer) : issuerDomains(issuer);
        List<Map<String, Object>> caaEvidence = new ArrayList<>();
        for (String name : names) {
            try {
                checkDangling(name, findings);
                caaEvidence.add(checkCaa(name, caaDomains, issuer, findings, errors));
            } catch (DnsException e) {
                errors.add(e.getMessage());
            }
        }
        Result.Builder result;
        if (!findings.isEmpty()) {
            result = Result.fail(Words.plural(findings.size(), "DNS problem") + ": " + findings.get(0).message()
                            + (findings.size() > 1 ? "; and " + (findings.size() - 1) + " more" : "")
                            + (errors.isEmpty() ? "" : "; " + Words.plural(errors.size(), "question") + " could not be answered"))
                    .findings(findings)
                    .remedy("Correct the DNS zone (or the expected values, if the zone is right): remove a CNAME whose target is"
                            + " gone, and let the CAA record name the certificate's issuer (0 issue \"letsencrypt.org\").");
        } else if (!errors.isEmpty()) {
            result = Result.error(errors.get(0) + (errors.size() > 1 ? "; and " + (errors.size() - 1) + " more" : ""))
                    .evidence("errors", errors)
                    .remedy("Check that " + resolverName + " answers from this machine, or set dnsServer (host:port) and caaIssuer.");
        } else {
            result = Result.pass(Words.plural(records.size(), "DNS record") + " resolve as expected, no CNAME dangles, and CAA"
                    + " lets the certificate's issuer issue for " + String.join(", ", names));
        }
        return result.measured(Words.plural(records.size() - (int) findings.stream().filter(f -> f.key().startsWith("edge:dns:")).count(),
                        "record") + " as expected").expected("all " + records.size() + " as expected")
                .evidence("resolver", resolverName).evidence("records", evidence).evidence("caa", caaEvidence)
                .evidence("issuer", issuer == null ? null : Words.oneLine(issuer, 200)).build();
    }

    private Map<String, Object> checkRecord(EdgeConfig.DnsRecord record, List<Finding> findings) throws DnsException {
        Answer answer = ask(record.name(), Type.value(record.type()));
        Set<String> expected = new TreeSet<>();
        record.expect().forEach(value -> expected.add(normalise(record.type(), value)));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", record.name());
        facts.put("type", record.type());
        facts.put("expected", List.copyOf(expected));
        String where = record.name() + " " + record.type();
        if (answer.rcode == Rcode.NXDOMAIN) {
            facts.put("answer", "NXDOMAIN");
            findings.add(Finding.of(where + ": the name does not exist (NXDOMAIN), expected " + String.join(", ", expected))
                    .key("edge:dns:" + record.name() + ":" + record.type()).at(record.name()).build());
            return facts;
        }
        Set<String> actual = new TreeSet<>();
        for (Record r : answer.records) {
            if (r.getType() == Type.value(record.type())) {
                actual.add(value(r));
            }
        }
        facts.put("answer", List.copyOf(actual));
        if (!actual.equals(expected)) {
            findings.add(Finding.of(where + " answers " + (actual.isEmpty() ? "nothing" : String.join(", ", actual)) + ", expected "
                            + String.join(", ", expected)).key("edge:dns:" + record.name() + ":" + record.type()).at(record.name())
                    .with("answer", List.copyOf(actual)).with("expected", List.copyOf(expected)).build());
        }
        return facts;
    }

    /** Finds a CNAME of {@code name} whose target has no address: NXDOMAIN, or neither A nor AAAA. */
    private void checkDangling(String name, List<Finding> findings) throws DnsException {
        Answer a = ask(name, Type.A);
        List<String> chain = new ArrayList<>();
        for (Record r : a.records) {
            if (r instanceof CNAMERecord cname) {
                chain.add(plain(cname.getTarget()));
            }
        }
        if (chain.isEmpty()) {
            return;
        }
        boolean addressed = a.records.stream().anyMatch(r -> r instanceof ARecord);
        if (!addressed && a.rcode == Rcode.NOERROR) {
            Answer aaaa = ask(name, Type.AAAA);
            addressed = aaaa.records.stream().anyMatch(r -> r instanceof AAAARecord);
        }
        if (!addressed) {
            String target = chain.get(chain.size() - 1);
            findings.add(Finding.of(name + " is a CNAME to " + target + (a.rcode == Rcode.NXDOMAIN ? ", which does not exist (NXDOMAIN)"
                            : ", which has no address (no A or AAAA record)") + ": a dangling CNAME, which anyone who claims "
                            + target + " can take over").key("edge:dangling:" + name).at(name).with("chain", chain).build());
        }
    }

    /** Climbs from {@code name} to the first CAA record set (RFC 8659 §3) and holds its issue properties to the issuer. */
    private Map<String, Object> checkCaa(String name, Set<String> issuerDomains, String issuer, List<Finding> findings,
                                         List<String> errors) throws DnsException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", name);
        for (String at = name; at.contains("."); at = at.substring(at.indexOf('.') + 1)) {
            List<CAARecord> caa = new ArrayList<>();
            for (Record r : ask(at, Type.CAA).records) {
                if (r instanceof CAARecord c && plain(c.getName()).equals(at)) {
                    caa.add(c);
                }
            }
            if (caa.isEmpty()) {
                continue;
            }
            facts.put("foundAt", at);
            List<String> shown = caa.stream().map(c -> c.getFlags() + " " + c.getTag() + " \"" + c.getValue() + "\"").toList();
            facts.put("records", shown);
            for (CAARecord c : caa) {
                String tag = c.getTag().toLowerCase(Locale.ROOT);
                if ((c.getFlags() & 128) != 0 && !KNOWN_CAA_TAGS.contains(tag)) {
                    findings.add(Finding.of("CAA of " + at + " holds the critical property '" + Words.oneLine(c.getTag(), 40)
                            + "' that no CA understands, so none may issue for " + name).key("edge:caa:" + name).at(at).build());
                    return facts;
                }
            }
            Set<String> allowed = new TreeSet<>();
            for (CAARecord c : caa) {
                if (c.getTag().equalsIgnoreCase("issue")) {
                    allowed.add(c.getValue().split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
                }
            }
            allowed.remove("");
            boolean restricted = caa.stream().anyMatch(c -> c.getTag().equalsIgnoreCase("issue"));
            if (!restricted) {
                facts.put("allows", "any CA (no issue property)");
            } else if (issuerDomains.isEmpty()) {
                errors.add("the CAA of " + at + " lets only " + (allowed.isEmpty() ? "no CA" : String.join(", ", allowed))
                        + " issue for " + name + ", but which CA issued the target's certificate is not known ("
                        + (issuer == null ? "the target is not HTTPS" : "issuer " + Words.oneLine(issuer, 120) + " is not in the table")
                        + "): set caaIssuer");
            } else if (allowed.stream().noneMatch(issuerDomains::contains)) {
                findings.add(Finding.of("CAA of " + at + " lets only " + (allowed.isEmpty() ? "no CA" : String.join(", ", allowed))
                                + " issue for " + name + ", not the certificate's issuer (" + String.join(" or ", issuerDomains) + ")")
                        .key("edge:caa:" + name).at(at).with("allowed", List.copyOf(allowed))
                        .with("issuer", List.copyOf(issuerDomains)).build());
            }
            return facts;
        }
        facts.put("allows", "any CA (no CAA record from " + name + " up)");
        return facts;
    }

    /** The CAA domains of the issuer named in the distinguished name, or none when the table does not know it. */
    static Set<String> issuerDomains(String issuerDn) {
        if (issuerDn == null) {
            return Set.of();
        }
        String dn = issuerDn.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> entry : ISSUERS.entrySet()) {
            if (dn.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                return entry.getValue();
            }
        }
        return Set.of();
    }

    private static Map<String, Set<String>> issuers() {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        table.put("Let's Encrypt", Set.of("letsencrypt.org"));
        table.put("Google Trust Services", Set.of("pki.goog"));
        table.put("DigiCert", Set.of("digicert.com", "www.digicert.com", "geotrust.com", "rapidssl.com", "thawte.com"));
        table.put("Sectigo", Set.of("sectigo.com", "comodoca.com"));
        table.put("ZeroSSL", Set.of("sectigo.com"));
        table.put("Amazon", Set.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"));
        table.put("GlobalSign", Set.of("globalsign.com"));
        table.put("GoDaddy", Set.of("godaddy.com", "starfieldtech.com"));
        table.put("Entrust", Set.of("entrust.net"));
        table.put("Buypass", Set.of("buypass.com"));
        table.put("SSL.com", Set.of("ssl.com"));
        return table;
    }

    /** The value of a record as written in {@code expect}: an address, a name without its final dot, "10 mx.example.com". */
    private static String value(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        } else if (r instanceof AAAARecord a) {
            return a.getAddress().getHostAddress();
        } else if (r instanceof CNAMERecord c) {
            return plain(c.getTarget());
        } else if (r instanceof NSRecord ns) {
            return plain(ns.getTarget());
        } else if (r instanceof MXRecord mx) {
            return mx.getPriority() + " " + plain(mx.getTarget());
        } else if (r instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        return r.rdataToString();
    }

    private static String normalise(String type, String expected) {
        switch (type) {
            case "A", "AAAA" -> {
                try {
                    return Address.getByAddress(expected).getHostAddress();
                } catch (UnknownHostException e) {
                    return expected;
                }
            }
            case "TXT" -> {
                return expected;
            }
            default -> {
                return expected.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\.$", "");
            }
        }
    }

    private static String plain(Name name) {
        String text = name.toString().toLowerCase(Locale.ROOT);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Asks one question; an unanswered question, a server failure or a refusal is a {@link DnsException}. */
    private Answer ask(String name, int type) throws DnsException {
        if (unanswered != null) {
            throw new DnsException(name + " " + Type.string(type) + " was not asked: " + unanswered);
        }
        Message response;
        try {
            Name asked = Name.fromString(name, Name.root);
            response = resolver.send(Message.newQuery(Record.newRecord(asked, type, DClass.IN)));
        } catch (TextParseException e) {
            throw new DnsException("'" + Words.oneLine(name, 100) + "' is not a DNS name: " + e.getMessage());
        } catch (IOException e) {
            unanswered = resolverName + " did not answer " + name + " " + Type.string(type) + " within " + Words.duration(timeout);
            throw new DnsException(unanswered);
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new DnsException(resolverName + " answered " + name + " " + Type.string(type) + " with " + Rcode.string(rcode));
        }
        return new Answer(rcode, response.getSection(Section.ANSWER));
    }

    private record Answer(int rcode, List<Record> records) {
    }

    /** A question that got no usable answer: one line naming the resolver, the question and why. */
    private static final class DnsException extends Exception {
        DnsException(String message) {
            super(message);
        }
    }
}
