/** Account look-ups. */
package shop;
