/** Greetings. */
package shop;
