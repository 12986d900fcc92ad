package dev.readiness.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

/** The hardened parsers against the payloads they exist for, with a real server that must hear nothing. */
class SafeXmlTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @Test
    void staxReadsPastADoctypeWithoutFetchingItsDtd() throws Exception {
        server.enqueue(new MockResponse.Builder().body("<!ENTITY x \"fetched\">").build());
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \""
                + server.url("/report.dtd") + "\">\n<report name=\"r\"><counter type=\"LINE\"/></report>";

        List<String> elements = elements(xml);

        assertThat(elements).containsExactly("report", "counter");
        assertThat(server.getRequestCount()).as("the DTD was not fetched").isZero();
    }

    @Test
    void staxRefusesAnExternalEntity() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">"
                + "<!ENTITY y SYSTEM \"" + server.url("/leak") + "\">]>\n<report name=\"&x;&y;\"/>";

        assertThatThrownBy(() -> elements(xml))
                .isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("The entity \"x\" was referenced, but not declared.");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void domRefusesAnyDoctype() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;\">]>\n"
                + "<testsuite name=\"&lol1;\"/>";

        assertThatThrownBy(() -> SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE is disallowed");
    }

    private static List<String> elements(String xml) throws XMLStreamException {
        XMLStreamReader reader = SafeXml.newXmlInputFactory()
                .createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<String> names = new ArrayList<>();
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    names.add(reader.getLocalName());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        reader.getAttributeValue(i);
                    }
                }
            }
        } finally {
            reader.close();
        }
        return names;
    }
}
