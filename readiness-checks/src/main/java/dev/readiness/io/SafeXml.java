package dev.readiness.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The JDK's XML parsers hardened for files from outside: no DTDs, no external entities, no
 * XInclude, secure processing on (entity expansion limits), elements nested at most
 * {@value #MAX_ELEMENT_DEPTH} deep (a deeper document is refused while it is read, before anything
 * walks it recursively). The DOM parser rejects a document
 * that declares a DOCTYPE, which stops external-entity and billion-laughs payloads before they
 * expand; the StAX factory ({@link #newXmlInputFactory()}) reads past a DOCTYPE without processing
 * or fetching it, for formats that always declare one (JaCoCo's XML report), and rejects any
 * entity reference the DTD would have declared.
 *
 * <p>Both use the JDK's own implementations, whatever parser another jar on the class path
 * registers: the hardening features are the JDK's.
 */
public final class SafeXml {

    /** The deepest nesting of elements read: JUnit XML and JaCoCo's report nest a few levels; 200,000 is an attack. */
    public static final int MAX_ELEMENT_DEPTH = 256;

    private static final String MAX_DEPTH_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private SafeXml() {
    }

    /** Parses a file of at most {@code maxBytes} into a DOM. */
    public static Document parse(Path file, long maxBytes) throws IOException, SAXException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + " is " + size + " bytes, more than the " + maxBytes + " this reads");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /** Parses a stream into a DOM; the caller bounds the stream. */
    public static Document parse(InputStream in) throws IOException, SAXException {
        DocumentBuilder builder = newDocumentBuilder();
        return builder.parse(in);
    }

    /** A document builder with DTDs and external entities off and no error output to stderr. */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(MAX_DEPTH_PROPERTY, Integer.toString(MAX_ELEMENT_DEPTH));
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser does not support hardening: " + e.getMessage(), e);
        }
    }

    /**
     * A StAX factory with DTD support, external entities and entity replacement off and no external
     * access: a DOCTYPE is reported as an event but never read or fetched, and an entity it would have
     * declared is an error. The factory may be kept and shared once made.
     */
    public static XMLInputFactory newXmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(MAX_DEPTH_PROPERTY, Integer.toString(MAX_ELEMENT_DEPTH));
        return factory;
    }
}
