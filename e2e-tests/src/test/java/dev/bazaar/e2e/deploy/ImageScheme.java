package dev.bazaar.e2e.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * How a Bazaar image is named, in docker-compose.yml and in deploy/k8s alike:
 * {@code bazaar/<service module>:<the root pom's version>}, optionally behind a registry host
 * ({@code registry.example.com/bazaar/catalog-service:0.2.0}). A tag such as {@code dev} or
 * {@code latest} names whatever was built last, so two nodes could run two versions under one name.
 *
 * @param version the project's version: every image of one release carries it
 */
public record ImageScheme(String version) {

    /** a registry host (it has a dot or a port, or is localhost), and any path in it */
    private static final Pattern REGISTRY = Pattern.compile(
            "([a-z0-9-]+(\\.[a-z0-9-]+)+(:\\d+)?|[a-z0-9-]+:\\d+|localhost(:\\d+)?)(/[a-z0-9._-]+)*");

    /** The scheme at the version of the repository's root pom.xml. */
    public static ImageScheme of(Path root) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                // the project's own version, not its parent's (which sits inside <parent>)
                if (child instanceof Element element && element.getTagName().equals("version")) {
                    return new ImageScheme(element.getTextContent().strip());
                }
            }
            throw new IllegalStateException(root.resolve("pom.xml") + " has no <version> of its own");
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read the version of " + root.resolve("pom.xml"), e);
        }
    }

    /** The image the service runs, without a registry. */
    public String imageOf(String service) {
        return "bazaar/" + service + ":" + version;
    }

    /** Whether an image reference is the service's at this version, pulled from any registry or none. */
    public boolean names(String image, String service) {
        String expected = imageOf(service);
        if (image == null) {
            return false;
        }
        if (image.equals(expected)) {
            return true;
        }
        return image.endsWith("/" + expected)
                && REGISTRY.matcher(image.substring(0, image.length() - expected.length() - 1)).matches();
    }
}
